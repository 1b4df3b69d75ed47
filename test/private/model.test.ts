import { copyModel } from '../../src/private/model';

class Workload {
  public readonly items: string[] = ['a'];
}

describe('copyModel', () => {
  test('copies arrays and plain objects all the way down', () => {
    // GIVEN props with nested arrays and maps
    const props = { ports: [{ port: 80, names: ['http'] }], labels: { app: 'web' }, nested: { deep: { value: 1 } } };
    // WHEN the copy is taken and the props are changed afterwards
    const model = copyModel(props);
    props.ports[0].port = 0;
    props.ports[0].names.push('x');
    props.ports.push({ port: 1, names: [] });
    props.labels.app = 'other';
    delete (props.nested as any).deep;
    // THEN the copy is unchanged
    expect(model).toEqual({ ports: [{ port: 80, names: ['http'] }], labels: { app: 'web' }, nested: { deep: { value: 1 } } });
  });

  test('keeps instances of classes by reference', () => {
    const workload = new Workload();
    const model = copyModel({ workload, list: [workload] });
    expect(model.workload).toBe(workload);
    expect(model.list[0]).toBe(workload);
  });

  test('objects without a prototype are copied too', () => {
    const map = Object.create(null);
    map.a = 'b';
    const model = copyModel({ map });
    map.a = 'c';
    expect(model.map.a).toEqual('b');
  });

  test('array holes become visible undefined entries', () => {
    // eslint-disable-next-line no-sparse-arrays
    const model = copyModel([1, , 3]);
    expect(model).toHaveLength(3);
    expect(1 in model).toBe(true);
    expect(model[1]).toBeUndefined();
  });

  test('a cycle keeps the original reference instead of recursing forever', () => {
    const props: any = { name: 'a' };
    props.self = props;
    const model = copyModel(props);
    expect(model).not.toBe(props);
    expect(model.self).toBe(props);
  });

  test('primitives are returned as they are', () => {
    expect(copyModel(42)).toBe(42);
    expect(copyModel('x')).toBe('x');
    expect(copyModel(undefined)).toBeUndefined();
    expect(copyModel(null)).toBeNull();
  });
});
