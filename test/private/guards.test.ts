import { FindingCollector } from '../../src/private/findings';
import {
  arrayOf, bool, enumOf, guardArgs, guardField, guardProps, instanceOf, int, map, num, opt, rebase, req, str, struct, withoutConsequences,
} from '../../src/private/guards';

class Thing {}

const PORT = struct('Port', { port: req(int), name: opt(str) });
const PROPS = struct('Props', {
  name: opt(str),
  enabled: opt(bool),
  ratio: opt(num),
  kind: opt(enumOf('Kind', () => ['A', 'B'])),
  protocol: opt(enumOf('Protocol', () => ['TCP', 'UDP'], 'SP_PORT_PROTOCOL')),
  labels: opt(map),
  ports: opt(arrayOf(PORT)),
  hosts: opt(arrayOf(str)),
  thing: opt(instanceOf('Thing', () => Thing, 'new Thing()')),
  key: opt(str, true),
  extra: opt(struct('Extra', { replicas: opt(int) }, true)),
});

/** `field code value` per finding. */
function guarded(props: unknown): { value: any; lines: string[] } {
  const { value, findings } = guardProps(props, PROPS);
  return { value, lines: findings.map((f) => `${f.field} ${f.code}${f.value !== undefined ? ` ${f.value}` : ''}`) };
}

describe('guards', () => {
  test('values of their type pass as they are; unknown fields of a closed struct are left out', () => {
    const thing = new Thing();
    const props = { name: 'a', enabled: false, ratio: 0.5, kind: 'A', labels: { a: 'b' }, ports: [{ port: 80 }], hosts: ['h'], thing, other: 1 };
    const { value, lines } = guarded(props);
    expect(lines).toEqual(['other SP_PROP_UNKNOWN']);
    expect(value).toEqual({ name: 'a', enabled: false, ratio: 0.5, kind: 'A', labels: { a: 'b' }, ports: [{ port: 80 }], hosts: ['h'], thing });
    expect(value.thing).toBe(thing);
    expect(value).not.toBe(props);
  });

  test('wrong types are refused (left out of the sanitized value), one finding each', () => {
    const { value, lines } = guarded({ name: 42, enabled: 'false', ratio: NaN, kind: 'a', protocol: 7, labels: 'str', thing: {}, ports: 'x' });
    expect(lines).toEqual([
      'name SP_PROP_TYPE 42',
      'enabled SP_PROP_TYPE "false"',
      'ratio SP_PROP_TYPE NaN',
      'kind SP_ENUM "a"',
      'protocol SP_PROP_TYPE 7',
      'labels SP_PROP_TYPE "str"',
      'ports SP_PROP_TYPE "x"',
      'thing SP_PROP_TYPE',
    ]);
    expect(value).toEqual({});
  });

  test('a string not in an enum checked by its own rule passes to that rule', () => {
    expect(guarded({ protocol: 'ICMP' })).toEqual({ value: { protocol: 'ICMP' }, lines: [] });
  });

  test('integers are whole, finite and exact', () => {
    const lines = [1.5, Infinity, 1e21, '80', -3].map((port) => guarded({ ports: [{ port }] }).lines.join());
    expect(lines).toEqual(['ports[0].port SP_PROP_TYPE 1.5', 'ports[0].port SP_PROP_TYPE Infinity', 'ports[0].port SP_PROP_TYPE 1e+21', 'ports[0].port SP_PROP_TYPE "80"', '']);
  });

  test('null, undefined and holes in arrays are refused; a placeholder keeps the other entries\' index', () => {
    // eslint-disable-next-line no-sparse-arrays
    const { value, lines } = guarded({ ports: [null, { port: 81 }], hosts: [, 'b', undefined] });
    expect(lines).toEqual(['ports[0] SP_PROP_TYPE null', 'hosts[0] SP_PROP_TYPE undefined', 'hosts[2] SP_PROP_TYPE undefined']);
    expect(value).toEqual({ ports: [{}, { port: 81 }], hosts: ['', 'b', ''] });
  });

  test('maps are plain objects of strings', () => {
    expect(guarded({ labels: new Map() }).lines).toEqual(['labels SP_PROP_TYPE']);
    expect(guarded({ labels: ['a'] }).lines).toEqual(['labels SP_PROP_TYPE']);
    expect(guarded({ labels: { a: 1, b: 'ok' } })).toEqual({ value: { labels: { b: 'ok' } }, lines: ['labels["a"] SP_PROP_TYPE 1'] });
  });

  test('secret fields and PEM-looking values are never echoed', () => {
    const { findings } = guardProps({ key: 42, ports: [{ port: '-----BEGIN PRIVATE KEY-----\nabc' }] }, PROPS);
    expect(findings.map((f) => [f.field, f.value])).toEqual([['ports[0].port', undefined], ['key', undefined]]);
  });

  test('an open struct keeps the fields it does not know (for their owner); its known fields are guarded', () => {
    const { value, lines } = guarded({ extra: { replicas: 1e21, image: 'x' } });
    expect(lines).toEqual(['extra.replicas SP_PROP_TYPE 1e+21']);
    expect(value).toEqual({ extra: { image: 'x' } });
  });

  test('props that are not an object are named `props`; none at all are no props', () => {
    expect(guarded('x').lines).toEqual(['props SP_PROP_TYPE "x"']);
    expect(guarded(null)).toEqual({ value: {}, lines: [] });
    expect(guarded(undefined)).toEqual({ value: {}, lines: [] });
  });

  test('messages say what was expected and how to fix it', () => {
    const { findings } = guardProps({ enabled: 'false', ports: [null], thing: 'x' }, PROPS);
    expect(findings.map((f) => `${f.rule}. Fix: ${f.fix}`)).toEqual([
      'must be true or false, got a string. Fix: pass true or false, or leave it out',
      'must be an object (Port), got null. Fix: remove the entry, or make it an object (Port)',
      'must be a Thing, got a string. Fix: pass new Thing(), or leave it out',
    ]);
  });

  test('a factory\'s required argument left undefined is refused; a missing prop is the rules\' business', () => {
    const { values, findings } = guardArgs([['name', undefined, req(str)], ['', undefined, opt(PORT)]]);
    expect(values).toEqual([undefined, undefined]);
    expect(findings.map((f) => `${f.field} ${f.rule}`)).toEqual(['name must be a string, got undefined']);
    const out = new FindingCollector();
    expect(guardField(out, { name: 'x' }, req(PORT), 'ports[0]')).toEqual({ name: 'x' });
    expect(out.findings).toEqual([]);
  });

  test('rebase: a factory\'s findings under the field that holds it', () => {
    const { findings } = guardArgs([['', 42, req(str)], ['portNumber', 'x', opt(int)], ['', [null], opt(arrayOf(str))]]);
    expect(rebase(findings, 'backend').map((f) => f.field)).toEqual(['backend', 'backend.portNumber', 'backend[0]']);
    expect(rebase(findings, 'target service', ' ').map((f) => f.field)).toEqual(['target service', 'target service portNumber', 'target service[0]']);
  });

  test('withoutConsequences: a rule\'s finding at or under a refused field is dropped', () => {
    const finding = (code: string, field: string) => ({ code, field, rule: 'r', fix: 'f' });
    const all = [
      finding('SP_PROP_TYPE', 'ports[1]'),
      finding('SP_PORT_NUMBER', 'ports[1].port'),
      finding('SP_PORT_NUMBER', 'ports[10].port'),
      finding('SP_PROP_TYPE', 'target'),
      finding('SP_ALIAS_TARGET', 'target'),
      finding('SP_ALIAS_TARGET_SERVICE', 'target service serviceName'),
      finding('SP_PORTS_REQUIRED', 'ports'),
    ];
    expect(withoutConsequences(all).map((f) => `${f.code} ${f.field}`)).toEqual([
      'SP_PROP_TYPE ports[1]', 'SP_PORT_NUMBER ports[10].port', 'SP_PROP_TYPE target', 'SP_PORTS_REQUIRED ports',
    ]);
  });
});
