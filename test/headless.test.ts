import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as kplus33 from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { HeadlessService, HeadlessStatefulService, TargetPort } from '../src';
import { findAll, findOne, newChart, synthErrors, synthQuietly, synthValidated } from './support/synth';

const NGINX = { image: 'nginx:1.27', ports: [{ number: 80, name: 'web' }] };

/** The objects this library writes (cdk8s-plus workloads are asserted field by field instead). */
const ownObjects = (manifests: any[]) => manifests.filter((m) => m.kind !== 'StatefulSet' && m.kind !== 'Deployment');

describe('HeadlessStatefulService', () => {
  test('builds a headless Service governing a StatefulSet that it selects exactly', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    const db = new HeadlessStatefulService(chart, 'Web', {
      serviceName: 'sample-headless',
      container: NGINX,
      statefulSetProps: { replicas: 3 },
    });
    const manifests = synthValidated(chart);

    // THEN
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(['Service/sample-headless', 'StatefulSet/sample-headless']);
    const service = findOne(manifests, 'Service');
    const sts = findOne(manifests, 'StatefulSet');
    expect(service.spec).toEqual({
      type: 'ClusterIP',
      clusterIP: 'None',
      selector: sts.spec.selector.matchLabels,
      ports: [{ name: 'web', port: 80, protocol: 'TCP', targetPort: 'web' }],
    });
    expect(Object.keys(service.spec.selector).length).toBeGreaterThan(0);
    // the Service selects exactly the StatefulSet's pods: its selector is the StatefulSet's own selector,
    // and the pod template carries it
    expect(sts.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    expect(sts.spec.serviceName).toEqual('sample-headless');
    expect(sts.spec.replicas).toEqual(3);
    expect(sts.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 80, name: 'web' }]);
    expect(ownObjects(manifests)).toMatchSnapshot();

    // exposed values
    expect(db.serviceName).toEqual('sample-headless');
    expect(db.namespace).toEqual('default');
    expect(db.dnsName).toEqual('sample-headless.default.svc.cluster.local');
    expect(db.statefulSetName).toEqual('sample-headless');
    expect(db.podHostnames).toEqual(['sample-headless-0', 'sample-headless-1', 'sample-headless-2']);
    expect(db.podDnsNames).toEqual([
      'sample-headless-0.sample-headless.default.svc.cluster.local',
      'sample-headless-1.sample-headless.default.svc.cluster.local',
      'sample-headless-2.sample-headless.default.svc.cluster.local',
    ]);
  });

  test('pod DNS names follow the namespace and the cluster domain; names are plain strings', () => {
    const chart = newChart({ namespace: 'data' });
    const zk = new HeadlessStatefulService(chart, 'Zk', {
      serviceName: 'zk-hs',
      clusterDomain: 'corp.internal',
      container: { image: 'zookeeper:3.9', ports: [{ number: 2181, name: 'client' }, { number: 2888, name: 'server' }, { number: 3888, name: 'leader-election' }] },
      statefulSetProps: { metadata: { name: 'zk' }, replicas: 3 },
      publishNotReadyAddresses: true,
    });
    const manifests = synthValidated(chart);

    expect(zk.namespace).toEqual('data');
    expect(zk.podDnsNames).toEqual([
      'zk-0.zk-hs.data.svc.corp.internal',
      'zk-1.zk-hs.data.svc.corp.internal',
      'zk-2.zk-hs.data.svc.corp.internal',
    ]);
    // e.g. a ZooKeeper server list
    expect(zk.podDnsNames.map((host, i) => `server.${i}=${host}:2888:3888`).join(';')).toEqual(
      'server.0=zk-0.zk-hs.data.svc.corp.internal:2888:3888;server.1=zk-1.zk-hs.data.svc.corp.internal:2888:3888;server.2=zk-2.zk-hs.data.svc.corp.internal:2888:3888');
    const service = findOne(manifests, 'Service');
    expect(service.metadata.namespace).toEqual('data');
    expect(service.spec.publishNotReadyAddresses).toBe(true);
    expect(service.spec.ports).toEqual([
      { name: 'client', port: 2181, protocol: 'TCP', targetPort: 'client' },
      { name: 'server', port: 2888, protocol: 'TCP', targetPort: 'server' },
      { name: 'leader-election', port: 3888, protocol: 'TCP', targetPort: 'leader-election' },
    ]);
    const sts = findOne(manifests, 'StatefulSet', 'zk');
    expect(sts.metadata.namespace).toEqual('data');
    expect(sts.spec.serviceName).toEqual('zk-hs');
    expect(ownObjects(manifests)).toMatchSnapshot();
  });

  test('explicit ports target named container ports; a port-less headless Service is possible', () => {
    const chart = newChart();
    new HeadlessStatefulService(chart, 'Pg', {
      serviceName: 'pg',
      ports: [{ name: 'postgres', port: 5432, targetPort: TargetPort.named('pg') }],
      container: { image: 'postgres:17', ports: [{ number: 5432, name: 'pg' }] },
    });
    new HeadlessStatefulService(chart, 'Dns', {
      serviceName: 'dns-only',
      ports: [],
      container: { image: 'busybox', command: ['sleep', 'infinity'] },
    });
    const manifests = synthValidated(chart);

    expect(findOne(manifests, 'Service', 'pg').spec.ports).toEqual([{ name: 'postgres', port: 5432, protocol: 'TCP', targetPort: 'pg' }]);
    const portless = findOne(manifests, 'Service', 'dns-only');
    expect(portless.spec.ports).toBeUndefined();
    expect(portless.spec.clusterIP).toEqual('None');
    expect(findOne(manifests, 'StatefulSet', 'dns-only').spec.serviceName).toEqual('dns-only');
  });

  test('passes StatefulSet options through to cdk8s-plus', () => {
    const chart = newChart();
    new HeadlessStatefulService(chart, 'Kafka', {
      serviceName: 'kafka',
      container: { image: 'kafka', ports: [{ number: 9092, name: 'broker' }] },
      statefulSetProps: {
        replicas: 5,
        podManagementPolicy: kplus.PodManagementPolicy.PARALLEL,
        strategy: kplus.StatefulSetUpdateStrategy.rollingUpdate({ partition: 2 }),
      },
    });
    const sts = findOne(synthValidated(chart), 'StatefulSet');
    expect(sts.spec.replicas).toEqual(5);
    expect(sts.spec.podManagementPolicy).toEqual('Parallel');
    expect(sts.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 2 } });
  });

  test('wraps an existing cdk8s-plus StatefulSet and replaces its auto-created Service', () => {
    // GIVEN
    const chart = newChart();
    const existing = new kplus.StatefulSet(chart, 'Redis', {
      metadata: { name: 'redis' },
      containers: [{ image: 'redis:7', ports: [{ number: 6379, name: 'redis' }] }],
      replicas: 2,
    });

    // WHEN
    const hs = new HeadlessStatefulService(chart, 'RedisHeadless', { statefulSet: existing, publishNotReadyAddresses: true });
    const manifests = synthValidated(chart);

    // THEN: one Service only, named as the StatefulSet's serviceName
    const services = findAll(manifests, 'Service');
    expect(services).toHaveLength(1);
    const sts = findOne(manifests, 'StatefulSet', 'redis');
    expect(services[0].metadata.name).toEqual(sts.spec.serviceName);
    expect(hs.serviceName).toEqual(sts.spec.serviceName);
    expect(services[0].spec).toEqual({
      type: 'ClusterIP',
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector: sts.spec.selector.matchLabels,
      ports: [{ name: 'redis', port: 6379, protocol: 'TCP', targetPort: 'redis' }],
    });
    expect(hs.statefulSet).toBe(existing);
    expect(hs.podHostnames).toEqual(['redis-0', 'redis-1']);
    expect(ownObjects(manifests)).toMatchSnapshot();
  });

  test('derives the Service name from the construct id when none is given: moving the construct keeps it', () => {
    const build = (nested: boolean) => {
      const chart = newChart({}, 'app');
      return new HeadlessStatefulService(nested ? new Construct(chart, 'Data') : chart, 'RedisCache', { container: NGINX });
    };
    const first = build(false);
    expect(first.serviceName).toEqual('redis-cache');
    expect(build(true).serviceName).toEqual('redis-cache');
    expect(first.statefulSetName).toEqual(first.serviceName);
  });

  test('a generated StatefulSet name stays within 52 characters', () => {
    const chart = newChart({}, 'payments');
    const hs = new HeadlessStatefulService(chart, 'zookeeper-ensemble-for-the-payments-platform', {
      container: { image: 'zookeeper', ports: [{ number: 2181, name: 'client' }] },
    });
    const sts = findOne(synthValidated(chart), 'StatefulSet');
    expect(sts.metadata.name.length).toBeLessThanOrEqual(52);
    expect(sts.spec.serviceName).toEqual(hs.serviceName);
    expect(hs.podHostnames[0]).toEqual(`${sts.metadata.name}-0`);
  });

  test('a port may target a container port by number', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    new HeadlessStatefulService(chart, 'Pg', {
      serviceName: 'pg',
      ports: [{ name: 'postgres', port: 5432, targetPort: TargetPort.number(5432) }],
      container: { image: 'postgres:17', ports: [{ number: 5432, name: 'pg' }] },
    });
    const manifests = synthValidated(chart);

    // THEN
    expect(findOne(manifests, 'Service', 'pg').spec.ports).toEqual([{ name: 'postgres', port: 5432, protocol: 'TCP', targetPort: 5432 }]);
  });

  test('builds one replica when statefulSetProps are not given', () => {
    // GIVEN
    const chart = newChart();

    // WHEN
    const hs = new HeadlessStatefulService(chart, 'Web', { serviceName: 'web', container: NGINX });
    const sts = findOne(synthValidated(chart), 'StatefulSet');

    // THEN
    expect(sts.spec.replicas).toEqual(1);
    expect(hs.replicas).toEqual(1);
    expect(hs.podHostnames).toEqual(['web-0']);
  });

  test('derives its default ports from the StatefulSet as it is at synth', () => {
    // GIVEN
    const chart = newChart();
    const hs = new HeadlessStatefulService(chart, 'Kafka', { serviceName: 'kafka', container: { image: 'kafka', ports: [{ number: 9092, name: 'broker' }] } });

    // WHEN: the StatefulSet gains a container after construction
    hs.statefulSet!.addContainer({ name: 'exporter', image: 'exporter', ports: [{ number: 9308, name: 'metrics' }] });
    const manifests = synthValidated(chart);

    // THEN
    expect(findOne(manifests, 'Service').spec.ports).toEqual([
      { name: 'broker', port: 9092, protocol: 'TCP', targetPort: 'broker' },
      { name: 'metrics', port: 9308, protocol: 'TCP', targetPort: 'metrics' },
    ]);
    expect(hs.servicePorts.map((p) => p.name)).toEqual(['broker', 'metrics']);
  });

  test('selects the labels an existing StatefulSet has at synth', () => {
    // GIVEN
    const chart = newChart();
    const existing = new kplus.StatefulSet(chart, 'Redis', { metadata: { name: 'redis' }, containers: [{ image: 'redis:7', ports: [{ number: 6379, name: 'redis' }] }] });
    new HeadlessStatefulService(chart, 'RedisHeadless', { statefulSet: existing });

    // WHEN: the StatefulSet labels its pods and selects them by that label after the Service was created
    existing.podMetadata.addLabel('tier', 'cache');
    existing.select(kplus.LabelSelector.of({ labels: { tier: 'cache' } }));
    const manifests = synthValidated(chart);

    // THEN
    const sts = findOne(manifests, 'StatefulSet');
    expect(sts.spec.selector.matchLabels).toMatchObject({ tier: 'cache' });
    expect(findOne(manifests, 'Service').spec.selector).toEqual(sts.spec.selector.matchLabels);
  });

  test('a selector label the pod template lacks is refused (the API server refuses the StatefulSet)', () => {
    // GIVEN an existing StatefulSet that selects a label its pods do not carry
    const chart = newChart();
    const existing = new kplus.StatefulSet(chart, 'Redis', { metadata: { name: 'redis' }, containers: [{ image: 'redis:7', ports: [{ number: 6379, name: 'redis' }] }] });
    new HeadlessStatefulService(chart, 'RedisHeadless', { statefulSet: existing });
    existing.select(kplus.LabelSelector.of({ labels: { tier: 'cache' } }));

    // THEN
    expect(synthErrors(chart)).toEqual([
      '[test/RedisHeadless] statefulSet.selector "tier=cache": the StatefulSet selects pods with this label and its pod template does not carry it: the API server refuses the StatefulSet (selector does not match template labels), and the Service would select no pods. Fix: add the label to the pods (statefulSet.podMetadata.addLabel("tier", "cache")) or select a label they carry (SP_SELECTOR_TEMPLATE_MISMATCH)',
    ]);
  });

  test('addPort appends a port after the derived ones, rendered and checked', () => {
    // GIVEN
    const chart = newChart();
    const hs = new HeadlessStatefulService(chart, 'Db', { serviceName: 'db', container: NGINX });

    // WHEN: a second Service port onto the same container port
    hs.addPort({ name: 'alt', port: 8080, targetPort: TargetPort.named('web') });

    // THEN
    expect(findOne(synthValidated(chart), 'Service').spec.ports).toEqual([
      { name: 'web', port: 80, protocol: 'TCP', targetPort: 'web' },
      { name: 'alt', port: 8080, protocol: 'TCP', targetPort: 'web' },
    ]);

    // AND WHEN: a port whose target no container declares
    hs.addPort({ name: 'admin', port: 9000 });

    // THEN: it is checked against the StatefulSet's containers
    expect(synthErrors(chart)).toEqual([
      '[test/Db] ports[2].targetPort "admin": no container of StatefulSet "db" declares this port (declared: web). Fix: name a container port that exists, or add the port to the container (ports: [{ number, name }]) (SP_TARGET_PORT_UNKNOWN)',
    ]);
  });

  test('props changed after construction change neither the output nor the findings', () => {
    // GIVEN
    const chart = newChart();
    const containerPorts = [{ number: 5432, name: 'pg' }];
    const ports = [{ name: 'postgres', port: 5432, targetPort: TargetPort.named('pg') }];
    const labels: { [key: string]: string } = { team: 'data' };
    const annotations: { [key: string]: string } = { 'example.com/owner': 'dba' };
    const statefulSetProps = { replicas: 2, metadata: { name: 'pg' } };
    const hs = new HeadlessStatefulService(chart, 'Pg', {
      serviceName: 'pg-hs',
      ports,
      labels,
      annotations,
      statefulSetProps,
      container: { image: 'postgres:17', ports: containerPorts },
    });

    // WHEN: every kind of value is changed through the caller's references
    ports[0].port = 0;
    ports[0].name = 'NOT VALID';
    ports.push({ name: 'extra', port: 1, targetPort: TargetPort.named('nope') });
    containerPorts[0].name = 'other';
    labels.team = 'not ok!';
    labels['x/y/z'] = 'y';
    delete annotations['example.com/owner'];
    statefulSetProps.replicas = -1;
    statefulSetProps.metadata.name = 'Bad Name';
    const manifests = synthValidated(chart);

    // THEN
    expect(findOne(manifests, 'Service').metadata).toEqual({ name: 'pg-hs', labels: { 'team': 'data', 'app.kubernetes.io/name': 'pg-hs' }, annotations: { 'example.com/owner': 'dba' } });
    expect(findOne(manifests, 'Service').spec.ports).toEqual([{ name: 'postgres', port: 5432, protocol: 'TCP', targetPort: 'pg' }]);
    const sts = findOne(manifests, 'StatefulSet');
    expect(sts.metadata.name).toEqual('pg');
    expect(sts.spec.replicas).toEqual(2);
    expect(hs.podHostnames).toEqual(['pg-0', 'pg-1']);
  });

  test('props changed after construction do not hide the findings of the props given', () => {
    // GIVEN
    const chart = newChart();
    const ports = [{ name: 'postgres', port: 5432, targetPort: TargetPort.named('postgresql') }];
    const statefulSetProps = { replicas: -1 };
    new HeadlessStatefulService(chart, 'Pg', { serviceName: 'pg', ports, statefulSetProps, container: { image: 'postgres:17', ports: [{ number: 5432, name: 'pg' }] } });

    // WHEN: the caller fixes its objects instead of the construct
    ports[0].targetPort = TargetPort.named('pg');
    statefulSetProps.replicas = 1;

    // THEN
    expect(synthErrors(chart)).toEqual([
      '[test/Pg] replicas -1: must be an integer >= 0. Fix: use 0 or more replicas (SP_REPLICAS)',
      '[test/Pg] ports[0].targetPort "postgresql": no container of StatefulSet "pg" declares this port (declared: pg). Fix: name a container port that exists, or add the port to the container (ports: [{ number, name }]) (SP_TARGET_PORT_UNKNOWN)',
    ]);
  });

  describe('rejects', () => {
    test('a numeric target port no container declares', () => {
      const chart = newChart();
      new HeadlessStatefulService(chart, 'Pg', {
        serviceName: 'pg',
        ports: [{ name: 'postgres', port: 5432, targetPort: TargetPort.number(5433) }],
        container: { image: 'postgres:17', ports: [{ number: 5432, name: 'pg' }] },
      });
      expect(synthErrors(chart)).toEqual([
        '[test/Pg] ports[0].targetPort 5433: no container of StatefulSet "pg" declares this port (declared: pg). Fix: name a container port that exists, or add the port to the container (ports: [{ number, name }]) (SP_TARGET_PORT_UNKNOWN)',
      ]);
    });

    test('a Service name that is not a DNS-1035 label', () => {
      const chart = newChart();
      new HeadlessStatefulService(chart, 'Db', { serviceName: '1-Database', container: NGINX });
      expect(synthErrors(chart)).toEqual([
        '[test/Db] serviceName "1-Database": must be a DNS-1035 label: at most 63 characters, lowercase letters, digits and \'-\', starting with a letter and ending with a letter or digit. Fix: use a name such as "x-1-database" (SP_SERVICE_NAME)',
        // the StatefulSet is named after the Service by default, and pod hostnames need a DNS-1123 label too
        '[test/Db] statefulSet.name "1-Database": must be a DNS-1123 label: at most 63 characters, lowercase letters, digits and \'-\', starting and ending with a letter or digit. Fix: pod hostnames are "<name>-<ordinal>", so use a DNS-1123 label such as "1-database" (SP_STATEFULSET_NAME)',
      ]);
    });

    test('a StatefulSet name over 52 characters', () => {
      const chart = newChart();
      const name = 'a'.repeat(53);
      new HeadlessStatefulService(chart, 'Db', { serviceName: 'db', container: NGINX, statefulSetProps: { metadata: { name } } });
      expect(synthErrors(chart)).toEqual([
        `[test/Db] statefulSet.name "${name}": is 53 characters long; StatefulSet names over 52 characters make the pods' controller-revision-hash label exceed 63 characters and the controller fails to create pods. Fix: shorten it to 52 characters or fewer (SP_STATEFULSET_NAME_LENGTH)`,
      ]);
    });

    test('accepts a StatefulSet name of exactly 52 characters', () => {
      const chart = newChart();
      new HeadlessStatefulService(chart, 'Db', { serviceName: 'db', container: NGINX, statefulSetProps: { metadata: { name: 'a'.repeat(52) } } });
      expect(findOne(synthValidated(chart), 'StatefulSet').metadata.name).toHaveLength(52);
    });

    test('several ports without names, duplicate names and duplicate numbers', () => {
      const chart = newChart();
      new HeadlessStatefulService(chart, 'Db', {
        serviceName: 'db',
        container: { image: 'x', ports: [{ number: 80, name: 'web' }, { number: 81, name: 'alt' }] },
        ports: [
          { port: 80, targetPort: TargetPort.named('web') },
          { name: 'web', port: 81, targetPort: TargetPort.named('alt') },
          { name: 'web', port: 80, targetPort: TargetPort.named('web') },
        ],
      });
      expect(synthErrors(chart)).toEqual([
        '[test/Db] ports[0].name: a Service with 3 ports needs a name on every port (port 80 has none). Fix: name every port, e.g. { name: "http", port: 80 } (SP_PORT_NAME_REQUIRED)',
        '[test/Db] ports[2].name "web": is already used by ports[1]. Fix: give every port a distinct name (SP_PORT_NAME_DUPLICATE)',
        '[test/Db] ports[2].port 80: TCP port 80 is already declared by ports[0]. Fix: remove the duplicate port or give it another number (SP_PORT_DUPLICATE)',
      ]);
    });

    test('a target port that names no container port', () => {
      const chart = newChart();
      new HeadlessStatefulService(chart, 'Db', {
        serviceName: 'db',
        container: NGINX,
        ports: [{ name: 'http', port: 80 }],
      });
      expect(synthErrors(chart)).toEqual([
        '[test/Db] ports[0].targetPort "http": no container of StatefulSet "db" declares this port (declared: web). Fix: name a container port that exists, or add the port to the container (ports: [{ number, name }]) (SP_TARGET_PORT_UNKNOWN)',
      ]);
    });

    test('a target container port with another protocol', () => {
      const chart = newChart();
      new HeadlessStatefulService(chart, 'Dns', {
        serviceName: 'dns',
        container: { image: 'coredns', ports: [{ number: 53, name: 'dns', protocol: kplus.Protocol.UDP }] },
        ports: [{ name: 'dns', port: 53 }],
      });
      expect(synthErrors(chart)).toEqual([
        '[test/Dns] ports[0].protocol "TCP": the target container port "dns" uses UDP. Fix: use the same protocol on the Service port and the container port (SP_TARGET_PORT_PROTOCOL)',
      ]);
    });

    test('unnamed container ports when the Service ports are derived from them', () => {
      const chart = newChart();
      new HeadlessStatefulService(chart, 'Db', { serviceName: 'db', container: { image: 'x', portNumber: 8080 } });
      expect(synthErrors(chart)).toEqual([
        '[test/Db] ports [8080]: the Service ports default to the named container ports, and these container ports have no name. Fix: name the container ports (ports: [{ number: 80, name: "http" }]) or pass `ports` explicitly ([] for none) (SP_CONTAINER_PORT_UNNAMED)',
      ]);
    });

    test('container port names that are not IANA service names', () => {
      const chart = newChart();
      new HeadlessStatefulService(chart, 'Db', {
        serviceName: 'db',
        container: { image: 'x', ports: [{ number: 8080, name: 'metrics-endpoint' }] },
        ports: [],
      });
      expect(synthErrors(chart)).toEqual([
        '[test/Db] container "main" port 8080 name "metrics-endpoint": is 16 characters long; must be an IANA service name: 1-15 characters, lowercase letters, digits and \'-\', at least one letter, no leading, trailing or double \'-\'. Fix: name container ports with IANA service names such as "http", "client" or "peer" (SP_CONTAINER_PORT_NAME)',
      ]);
    });

    test('a port name that is a valid Service port name but not a valid target port name', () => {
      const chart = newChart();
      new HeadlessService(chart, 'Metrics', { serviceName: 'metrics', ports: [{ name: 'metrics-endpoint-port', port: 9090 }] });
      expect(synthErrors(chart)).toEqual([
        '[test/Metrics] ports[0].targetPort "metrics-endpoint-port": is 21 characters long; must be an IANA service name: 1-15 characters, lowercase letters, digits and \'-\', at least one letter, no leading, trailing or double \'-\' (it defaults to the port name). Fix: name container ports (and refer to them) with IANA service names such as "http" or "peer" (SP_TARGET_PORT_NAME)',
      ]);
    });

    test('annotations over 256 KiB, counted in UTF-8 bytes', () => {
      const chart = newChart();
      // 131,100 characters but 262,200 bytes
      new HeadlessService(chart, 'Big', { serviceName: 'big', annotations: { 'example.com/x': '\u00e9'.repeat(131100) } });
      expect(synthErrors(chart)).toEqual([
        '[test/Big] annotations: total size 262213 bytes exceeds the API server\'s 256 KiB limit. Fix: move large data into a ConfigMap (SP_ANNOTATION_SIZE)',
      ]);
    });

    test('replicas below zero', () => {
      const chart = newChart();
      const hs = new HeadlessStatefulService(chart, 'Db', { serviceName: 'db', container: NGINX, statefulSetProps: { replicas: -1 } });
      expect(hs.podDnsNames).toEqual([]);
      expect(synthErrors(chart)).toEqual([
        '[test/Db] replicas -1: must be an integer >= 0. Fix: use 0 or more replicas (SP_REPLICAS)',
      ]);
    });

    test('both an existing StatefulSet and container options', () => {
      const chart = newChart();
      const existing = new kplus.StatefulSet(chart, 'Existing', { metadata: { name: 'existing' }, containers: [NGINX] });
      new HeadlessStatefulService(chart, 'Db', { serviceName: 'db', statefulSet: existing, container: NGINX });
      expect(synthErrors(chart)).toEqual([
        '[test/Db] statefulSet: the StatefulSet is given more than once (statefulSet, container/statefulSetProps). Fix: pass one of `statefulSet`, `workload`, or `container`/`statefulSetProps` (SP_WORKLOAD_CONFLICT)',
      ]);
    });

    test('a brought StatefulSet keeps the chosen Service name: spec.serviceName follows, pod DNS names use it', () => {
      const chart = newChart({ namespace: 'data' });
      const existing = new kplus.StatefulSet(chart, 'Pg', { metadata: { name: 'pg' }, replicas: 2, containers: [{ image: 'postgres:16', ports: [{ number: 5432, name: 'pg' }] }] });
      const hs = new HeadlessStatefulService(chart, 'Db', { serviceName: 'pg-hs', statefulSet: existing });
      expect(hs.podDnsNames).toEqual(['pg-0.pg-hs.data.svc.cluster.local', 'pg-1.pg-hs.data.svc.cluster.local']);
      const manifests = synthQuietly(chart);
      expect(findOne(manifests, 'StatefulSet', 'pg').spec.serviceName).toBe('pg-hs');
      expect(findOne(manifests, 'Service', 'pg-hs').spec.clusterIP).toBe('None');
      expect(findAll(manifests, 'Service')).toHaveLength(1);
    });

    test('neither an existing StatefulSet nor a container', () => {
      const chart = newChart();
      new HeadlessStatefulService(chart, 'Db', { serviceName: 'db', ports: [] });
      expect(synthErrors(chart)).toContain(
        '[test/Db] container: neither an existing StatefulSet nor a container to build one was given. Fix: pass `container: { image, ports }` (or `statefulSetProps.containers`), or `statefulSet` (SP_WORKLOAD_MISSING)');
    });

    test('an existing StatefulSet that brings its own Service', () => {
      const chart = newChart();
      const own = new kplus.Service(chart, 'Own', { clusterIP: 'None', ports: [{ port: 80 }] });
      const existing = new kplus.StatefulSet(chart, 'Existing', { containers: [NGINX], service: own });
      new HeadlessStatefulService(chart, 'Db', { statefulSet: existing });
      expect(synthErrors(chart)).toEqual([
        '[test/Db] statefulSet.service "test/Own": the StatefulSet was created with its own Service, which would be emitted next to this construct\'s Service. Fix: create the StatefulSet without `service`, or let this construct build it from `container` (SP_STATEFULSET_SERVICE)',
        // and the App-wide check sees the two Services of that name
        expect.stringMatching(/^\[test\/Db\] metadata.name "test-own-c8[0-9a-f]{6}": Service "test-own-c8[0-9a-f]{6}" in namespace "default" is also emitted by test\/Own; one would overwrite the other on apply\..*\(SP_APP_DUPLICATE_OBJECT\)$/),
      ]);
    });

    test('a StatefulSet with its own Service keeps its name: another serviceName conflicts', () => {
      const chart = newChart();
      const own = new kplus.Service(chart, 'Own', { metadata: { name: 'own' }, clusterIP: 'None', ports: [{ port: 80 }] });
      const existing = new kplus.StatefulSet(chart, 'Existing', { metadata: { name: 'existing' }, containers: [NGINX], service: own });
      new HeadlessStatefulService(chart, 'Db', { serviceName: 'db', statefulSet: existing });
      expect(synthErrors(chart)).toContain(
        '[test/Db] serviceName "db": the existing StatefulSet "existing" is governed by its own Service "own" (its spec.serviceName). Fix: omit `serviceName` (it is taken from the StatefulSet), or create the StatefulSet without `service` (SP_SERVICE_NAME_CONFLICT)');
    });

    test('a StatefulSet in another namespace', () => {
      const chart = newChart();
      const existing = new kplus.StatefulSet(chart, 'Existing', { metadata: { name: 'existing', namespace: 'other' }, containers: [NGINX] });
      new HeadlessStatefulService(chart, 'Db', { statefulSet: existing, namespace: 'data' });
      expect(synthErrors(chart)).toEqual([
        '[test/Db] statefulSet.metadata.namespace "other": the StatefulSet is in another namespace than its Service ("data"), and a Service selects pods of its own namespace only. Fix: put the Service and the workload in the same namespace (SP_NAMESPACE_MISMATCH)',
      ]);
    });

    test('lists every problem of the App at once', () => {
      const chart = newChart();
      new HeadlessStatefulService(chart, 'A', { serviceName: 'bad-', container: NGINX, ports: [{ name: 'web', port: 0 }] });
      new HeadlessStatefulService(chart, 'B', { serviceName: 'b', container: NGINX, statefulSetProps: { replicas: -2 } });
      const errors = synthErrors(chart);
      expect(errors.map((e) => e.slice(0, e.indexOf(']') + 1))).toEqual(['[test/A]', '[test/A]', '[test/A]', '[test/B]']);
      expect(errors.map((e) => e.match(/\((SP_[A-Z_]+)\)$/)?.[1])).toEqual(['SP_SERVICE_NAME', 'SP_PORT_NUMBER', 'SP_STATEFULSET_NAME', 'SP_REPLICAS']);
    });
  });
});

describe('HeadlessService on its own', () => {
  test('serves pods that set hostname and subdomain', () => {
    // GIVEN
    const chart = newChart();
    const hs = new HeadlessService(chart, 'Subdomain', {
      serviceName: 'busybox-subdomain',
      selector: { name: 'busybox' },
      ports: [{ name: 'foo', port: 1234 }],
    });

    // WHEN: a pod whose subdomain is the Service name
    new kplus.Pod(chart, 'Busybox1', {
      metadata: { name: 'busybox1', labels: { name: 'busybox' } },
      dns: { hostname: 'busybox-1', subdomain: hs.serviceName },
      containers: [{ image: 'busybox:1.36', command: ['sleep', '3600'], ports: [{ number: 1234, name: 'foo' }] }],
    });
    const manifests = synthValidated(chart);

    // THEN
    const pod = findOne(manifests, 'Pod');
    expect(pod.spec.subdomain).toEqual('busybox-subdomain');
    expect(pod.metadata.labels).toMatchObject({ name: 'busybox' });
    expect(findOne(manifests, 'Service').spec).toEqual({
      type: 'ClusterIP',
      clusterIP: 'None',
      selector: { name: 'busybox' },
      ports: [{ name: 'foo', port: 1234, protocol: 'TCP', targetPort: 'foo' }],
    });
    expect(hs.podDnsName('busybox-1')).toEqual('busybox-1.busybox-subdomain.default.svc.cluster.local');
  });

  test('selects the pods of a cdk8s-plus workload', () => {
    const chart = newChart();
    const deployment = new kplus.Deployment(chart, 'Web', { containers: [NGINX] });
    const hs = new HeadlessService(chart, 'Peers', { serviceName: 'peers' });
    hs.selectPodsOf(deployment);
    const manifests = synthValidated(chart);
    const dep = findOne(manifests, 'Deployment');
    expect(findOne(manifests, 'Service', 'peers').spec).toEqual({
      type: 'ClusterIP',
      clusterIP: 'None',
      selector: dep.spec.selector.matchLabels,
    });
  });

  test('addPort and selectPodsOf are reflected in the output and the findings', () => {
    // GIVEN
    const chart = newChart();
    const deployment = new kplus.Deployment(chart, 'Web', { containers: [NGINX] });
    const hs = new HeadlessService(chart, 'Peers', { serviceName: 'peers', ports: [{ name: 'web', port: 80 }] });

    // WHEN
    hs.addPort({ name: 'admin', port: 9000, targetPort: TargetPort.number(9001) });
    hs.selectPodsOf(deployment);
    const manifests = synthValidated(chart);

    // THEN
    expect(findOne(manifests, 'Service').spec).toEqual({
      type: 'ClusterIP',
      clusterIP: 'None',
      selector: findOne(manifests, 'Deployment').spec.selector.matchLabels,
      ports: [
        { name: 'web', port: 80, protocol: 'TCP', targetPort: 'web' },
        { name: 'admin', port: 9000, protocol: 'TCP', targetPort: 9001 },
      ],
    });
    expect(hs.servicePorts.map((p) => p.port)).toEqual([80, 9000]);

    // AND WHEN: a second port without a name is added, it is checked
    hs.addPort({ port: 9100 });
    expect(synthErrors(chart)).toEqual([
      '[test/Peers] ports[2].name: a Service with 3 ports needs a name on every port (port 9100 has none). Fix: name every port, e.g. { name: "http", port: 80 } (SP_PORT_NAME_REQUIRED)',
    ]);
  });

  test('props changed after construction change neither the output nor the findings', () => {
    // GIVEN: one valid and one invalid configuration
    const chart = newChart();
    const selector: { [key: string]: string } = { app: 'web' };
    const ports = [{ name: 'web', port: 80 }];
    const labels: { [key: string]: string } = { team: 'web' };
    new HeadlessService(chart, 'Good', { serviceName: 'good', selector, ports, labels, publishNotReadyAddresses: true });
    const badPorts = [{ name: 'web', port: 0 }];
    const badSelector: { [key: string]: string } = { tier: 'not ok!' };
    const bad = new HeadlessService(chart, 'Bad', { serviceName: 'bad', selector: badSelector, ports: badPorts });

    // WHEN: the caller's arrays and maps change
    ports[0].port = 0;
    ports.push({ name: 'web', port: 81 });
    selector.app = 'not ok!';
    delete labels.team;
    labels.extra = 'x';
    badPorts[0].port = 80;
    badSelector.tier = 'fine';
    bad.servicePorts.push({ name: 'web', port: 80 }); // the getter hands out a copy

    // THEN: the findings are those of the configuration given
    expect(synthErrors(chart)).toEqual([
      '[test/Bad] ports[0].port 0: must be an integer between 1 and 65535. Fix: use a port between 1 and 65535 (SP_PORT_NUMBER)',
      '[test/Bad] selector["tier"] "not ok!": must be a label value: empty or at most 63 characters of letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit. Fix: shorten the value to 63 characters and use only letters, digits, "-", "_" and "." (SP_LABEL_VALUE)',
    ]);
    // AND the output is that of the configuration given
    chart.node.tryRemoveChild('Bad');
    const service = findOne(synthValidated(chart), 'Service', 'good');
    expect(service.metadata).toEqual({ name: 'good', labels: { team: 'web' } });
    expect(service.spec).toEqual({
      type: 'ClusterIP',
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector: { app: 'web' },
      ports: [{ name: 'web', port: 80, protocol: 'TCP', targetPort: 'web' }],
    });
  });

  test('rejects a numeric target port that is not a port number', () => {
    const chart = newChart();
    new HeadlessService(chart, 'Db', { serviceName: 'db', ports: [{ name: 'db', port: 5432, targetPort: TargetPort.number(70000) }] });
    expect(synthErrors(chart)).toEqual([
      '[test/Db] ports[0].targetPort 70000: must be an integer between 1 and 65535. Fix: target a container port between 1 and 65535 (SP_PORT_NUMBER)',
    ]);
  });

  test('rejects bad ports, selectors and names', () => {
    const chart = newChart();
    new HeadlessService(chart, 'Bad', {
      serviceName: 'bad',
      namespace: 'Prod',
      selector: { 'app/x/y': 'ok', 'tier': 'not ok!' },
      ports: [{ name: 'HTTP', port: 0, targetPort: TargetPort.named('http--alt') }],
    });
    expect(synthErrors(chart)).toEqual([
      '[test/Bad] namespace "Prod": must be a DNS-1123 label: at most 63 characters, lowercase letters, digits and \'-\', starting and ending with a letter or digit. Fix: use a lowercase namespace name such as "apps" (SP_NAMESPACE)',
      '[test/Bad] ports[0].port 0: must be an integer between 1 and 65535. Fix: use a port between 1 and 65535 (SP_PORT_NUMBER)',
      '[test/Bad] ports[0].name "HTTP": must be a DNS-1123 label: at most 63 characters, lowercase letters, digits and \'-\', starting and ending with a letter or digit. Fix: use a name such as "http" (SP_PORT_NAME)',
      '[test/Bad] ports[0].targetPort "http--alt": must be an IANA service name: 1-15 characters, lowercase letters, digits and \'-\', at least one letter, no leading, trailing or double \'-\'. Fix: name container ports (and refer to them) with IANA service names such as "http" or "peer" (SP_TARGET_PORT_NAME)',
      '[test/Bad] selector key "app/x/y": must be a qualified name: an optional DNS-1123 subdomain prefix and \'/\', then at most 63 characters of letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit. Fix: use a key such as "app.kubernetes.io/name" or "tier" (SP_LABEL_KEY)',
      '[test/Bad] selector["tier"] "not ok!": must be a label value: empty or at most 63 characters of letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit. Fix: shorten the value to 63 characters and use only letters, digits, "-", "_" and "." (SP_LABEL_VALUE)',
    ]);
  });
});

describe('HeadlessService.selectPodsOf: workloads of any kind', () => {
  test('a cdk8s-plus-33 StatefulSet and a raw KubeStatefulSet: selectors read from their manifests', () => {
    const chart = newChart();
    const plus33 = new kplus33.StatefulSet(chart, 'Zk', { containers: [{ image: 'zookeeper:3.9', ports: [{ number: 2181, name: 'client' }] }] });
    const raw = new kplus.k8s.KubeStatefulSet(chart, 'Raw', {
      metadata: { name: 'raw' },
      spec: { serviceName: 'raw', selector: { matchLabels: { app: 'raw' } }, template: { metadata: { labels: { app: 'raw' } }, spec: { containers: [{ name: 'raw', image: 'raw:1' }] } } },
    });
    const zk = new HeadlessService(chart, 'ZkHs', { serviceName: 'zk-hs', ports: [{ name: 'client', port: 2181 }] });
    zk.selectPodsOf(plus33);
    const rawHs = new HeadlessService(chart, 'RawHs', { serviceName: 'raw-hs', ports: [] });
    rawHs.selectPodsOf(raw);
    const manifests = synthQuietly(chart);
    expect(findOne(manifests, 'Service', 'zk-hs').spec.selector).toEqual(plus33.matchLabels);
    expect(findOne(manifests, 'Service', 'raw-hs').spec.selector).toEqual({ app: 'raw' });
  });

  test('a construct without a workload is a finding', () => {
    const chart = newChart();
    const hs = new HeadlessService(chart, 'Hs', { serviceName: 'hs', ports: [] });
    hs.selectPodsOf(new Construct(chart, 'Nothing'));
    expect(synthErrors(chart)).toEqual([expect.stringMatching(/^\[test\/Hs\] selectPodsOf "test\/Nothing": is not a workload.*\(SP_WORKLOAD_OBJECT\)$/)]);
  });
});

describe('HeadlessStatefulService.workload: a StatefulSet of any kind', () => {
  test('a cdk8s-plus-33 StatefulSet: its placeholder Service is gone, spec.serviceName follows the chosen name, ports and labels read from it', () => {
    const chart = newChart({ namespace: 'data' });
    const zk = new kplus33.StatefulSet(chart, 'Zk', {
      metadata: { name: 'zk' },
      replicas: 3,
      containers: [{ image: 'zookeeper:3.9', ports: [{ number: 2181, name: 'client' }, { number: 2888, name: 'peer' }] }],
    });
    const hs = new HeadlessStatefulService(chart, 'ZkHs', { serviceName: 'zk-hs', workload: zk, publishNotReadyAddresses: true });
    expect(hs.statefulSet).toBeUndefined();
    expect(hs.workload).toBe(zk);
    expect(hs.statefulSetName).toBe('zk');
    expect(hs.podDnsNames).toEqual(['zk-0.zk-hs.data.svc.cluster.local', 'zk-1.zk-hs.data.svc.cluster.local', 'zk-2.zk-hs.data.svc.cluster.local']);
    const manifests = synthValidated(chart);
    expect(findAll(manifests, 'Service').map((s) => s.metadata.name)).toEqual(['zk-hs']);
    const sts = findOne(manifests, 'StatefulSet', 'zk');
    expect(sts.spec.serviceName).toBe('zk-hs');
    const service = findOne(manifests, 'Service', 'zk-hs');
    expect(service.spec.selector).toEqual(sts.spec.selector.matchLabels);
    expect(service.spec.ports).toEqual([
      { name: 'client', port: 2181, protocol: 'TCP', targetPort: 'client' },
      { name: 'peer', port: 2888, protocol: 'TCP', targetPort: 'peer' },
    ]);
    // the Service comes first: pods resolve their peers through it
    expect(manifests.findIndex((m) => m.kind === 'Service')).toBeLessThan(manifests.findIndex((m) => m.kind === 'StatefulSet'));
  });

  test('a named target port is checked against the ports the plus-33 StatefulSet declares', () => {
    const chart = newChart({ namespace: 'data' });
    const zk = new kplus33.StatefulSet(chart, 'Zk', { containers: [{ image: 'zookeeper:3.9', ports: [{ number: 2181, name: 'client' }] }] });
    new HeadlessStatefulService(chart, 'ZkHs', { serviceName: 'zk-hs', workload: zk, ports: [{ name: 'client', port: 2181, targetPort: TargetPort.named('clinet') }] });
    expect(synthErrors(chart)).toEqual([expect.stringMatching(/ports\[0\]\.targetPort "clinet": no container of StatefulSet ".*" declares this port \(declared: client\).*\(SP_TARGET_PORT_UNKNOWN\)$/)]);
  });

  test('a raw KubeStatefulSet: pod DNS names with the chosen Service name, read from its manifest', () => {
    const chart = newChart({ namespace: 'db' });
    const labels = { 'app.kubernetes.io/name': 'pg' };
    const pg = new kplus33.k8s.KubeStatefulSet(chart, 'Pg', {
      metadata: { name: 'pg' },
      spec: {
        serviceName: 'pg-hs',
        replicas: 2,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'pg', image: 'postgres:17', ports: [{ containerPort: 5432, name: 'pg' }] }] } },
      },
    });
    const hs = new HeadlessStatefulService(chart, 'PgHs', { serviceName: 'pg-hs', workload: pg });
    expect(hs.podDnsNames).toEqual(['pg-0.pg-hs.db.svc.cluster.local', 'pg-1.pg-hs.db.svc.cluster.local']);
    const manifests = synthValidated(chart);
    expect(findOne(manifests, 'StatefulSet', 'pg').spec.serviceName).toBe('pg-hs');
    expect(findOne(manifests, 'Service', 'pg-hs').spec).toEqual({
      type: 'ClusterIP', clusterIP: 'None', selector: labels, ports: [{ name: 'pg', port: 5432, protocol: 'TCP', targetPort: 'pg' }],
    });
  });

  test('a raw StatefulSet\'s spec.serviceName is the default name; another chosen name is a conflict, not a silent override', () => {
    const build = (serviceName?: string) => {
      const chart = newChart({ namespace: 'db' });
      const labels = { app: 'pg' };
      const pg = new ApiObject(chart, 'Pg', {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'pg' },
        spec: { serviceName: 'pg-hs', selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'pg', image: 'postgres:17', ports: [{ containerPort: 5432, name: 'pg' }] }] } } },
      });
      return { chart, hs: new HeadlessStatefulService(chart, 'PgHs', { serviceName, workload: pg }) };
    };
    const { chart, hs } = build();
    expect(hs.serviceName).toBe('pg-hs');
    expect(hs.podDnsNames).toEqual(['pg-0.pg-hs.db.svc.cluster.local']);
    expect(findOne(synthValidated(chart), 'Service', 'pg-hs')).toBeDefined();
    const conflicting = build('postgres');
    expect(synthErrors(conflicting.chart)).toEqual([expect.stringContaining('serviceName "postgres": the existing StatefulSet is governed by "pg-hs" (its spec.serviceName)')]);
  });

  test('replicas and pod DNS names are read when asked, not fixed at construction', () => {
    const chart = newChart({ namespace: 'data' });
    const zk = new kplus33.StatefulSet(chart, 'Zk', { metadata: { name: 'zk' }, replicas: 1, containers: [{ image: 'zookeeper:3.9', ports: [{ number: 2181, name: 'client' }] }] });
    const hs = new HeadlessStatefulService(chart, 'ZkHs', { serviceName: 'zk-hs', workload: zk });
    expect(hs.replicas).toBe(1);
    ApiObject.of(zk).addJsonPatch(JsonPatch.replace('/spec/replicas', 3));
    expect(hs.replicas).toBe(3);
    expect(hs.podHostnames).toEqual(['zk-0', 'zk-1', 'zk-2']);
    const built = new HeadlessStatefulService(chart, 'Etcd', { serviceName: 'etcd', container: NGINX });
    expect(built.replicas).toBe(1);
    ApiObject.of(built.statefulSet!).addJsonPatch(JsonPatch.replace('/spec/replicas', 5));
    // a patched cdk8s-plus-27 StatefulSet is read from its manifest: what is emitted
    expect(built.replicas).toBe(5);
    expect(built.podHostnames).toHaveLength(5);
    expect(synthValidated(chart).filter((m) => m.kind === 'StatefulSet').map((m) => m.spec.replicas)).toEqual([3, 5]);
  });

  test('a workload that is not a StatefulSet, one that is no workload, and both statefulSet and workload', () => {
    const deploymentChart = newChart();
    const web = new kplus33.Deployment(deploymentChart, 'Web', { containers: [{ image: 'nginx', ports: [{ number: 80, name: 'http' }] }] });
    new HeadlessStatefulService(deploymentChart, 'Hs', { serviceName: 'web-hs', workload: web, ports: [] });
    expect(synthErrors(deploymentChart)).toEqual([expect.stringMatching(/workload "Deployment test\/Web": a headless Service governs a StatefulSet .*\(SP_WORKLOAD_KIND\)$/)]);

    const notAWorkload = newChart();
    new HeadlessStatefulService(notAWorkload, 'Hs', { serviceName: 'x-hs', workload: new Construct(notAWorkload, 'Nothing'), ports: [] });
    expect(synthErrors(notAWorkload)).toEqual([expect.stringContaining('(SP_WORKLOAD_OBJECT)')]);

    const both = newChart();
    const sts = new kplus.StatefulSet(both, 'A', { containers: [NGINX] });
    new HeadlessStatefulService(both, 'Hs', { serviceName: 'a', statefulSet: sts, workload: new kplus33.StatefulSet(both, 'B', { containers: [NGINX] }) });
    expect(synthErrors(both)).toEqual(expect.arrayContaining([expect.stringContaining('the StatefulSet is given more than once (statefulSet, workload)')]));
  });
});
