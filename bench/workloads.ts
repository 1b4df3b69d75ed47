/**
 * The workloads the benchmark synthesizes. Each variant builds the same thing its own way:
 *   library / handwritten / plus (and the `-net` variants): per "app" i, an ExposedApp (a Deployment behind a
 *     NodePort Service) routed by a TlsIngress, plus in turn a HeadlessStatefulService, a ManualEndpointService
 *     with 10 members or an ExternalAlias; the `-net` variants build the networking objects only (Services,
 *     Endpoints/EndpointSlices, Ingress);
 *   web-library / web-raw / web-plus: the budget workload, per app a Deployment, a NodePort Service and
 *     an Ingress rule (an ExposedApp and a TlsIngress with one rule and an existing Secret for TLS), in one Chart;
 *   web-library-charts / web-raw-charts: the same web app, one Chart per app (cdk8s validates the whole App
 *     again for every Chart it writes);
 *   gateway-library / gateway-raw: the Gateway API budget workload (issue 12), one shared Gateway (an HTTP and an
 *     HTTPS listener, an existing Secret for TLS) and per app the web app's ExposedApp (Deployment + NodePort
 *     Service) with one HTTPRoute (its hostname, on the HTTPS listener, one rule PathPrefix / to the Service), in
 *     one Chart.
 *   gateway-plus-floor: gateway-raw's manifests, but each Deployment built by cdk8s-plus-27 as ExposedApp builds
 *     it (same construct path, so the same YAML): what the stack's workload builder costs before this library
 *     does anything.
 * `library` / `web-…library…` use this library's constructs; `handwritten` / `…raw…` re-create the library's
 * output exactly as plain cdk8s ApiObjects (the floor; the manifests are dumped from the library variant);
 * `plus` / `web-plus` are the closest equivalent with cdk8s-plus-27 alone.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
// The compiled package, as users load it (lib/ exists after `npx projen compile`).
// eslint-disable-next-line import/no-unresolved
import * as sp from '../lib';

export const NAMESPACE = 'apps';

function members(i: number): Array<{ address: string }> {
  return Array.from({ length: 10 }, (_, m) => ({ address: `10.${Math.floor(i / 250) % 250}.${i % 250}.${m + 1}` }));
}

/** This library: the whole app. */
export function buildLibrary(app: App, n: number): void {
  const chart = new Chart(app, 'apps', { namespace: NAMESPACE });
  for (let i = 0; i < n; i++) {
    webLibrary(chart, i);
    extraLibrary(chart, i);
  }
}

function extraLibrary(chart: Chart, i: number): void {
  if (i % 3 === 0) {
    new sp.HeadlessStatefulService(chart, `db-${i}`, {
      serviceName: `db-${i}`,
      container: { image: 'example/db:1.0', ports: [{ number: 5432, name: 'pg' }] },
      statefulSetProps: { replicas: 3 },
    });
  } else if (i % 3 === 1) {
    new sp.ManualEndpointService(chart, `legacy-${i}`, { serviceName: `legacy-${i}`, ports: [{ port: 80 }], members: members(i) });
  } else {
    new sp.ExternalAlias(chart, `ext-${i}`, { serviceName: `ext-${i}`, target: sp.AliasTarget.fromDnsName(`ext-${i}.example.net`) });
  }
}

/** cdk8s-plus-27 alone: the closest equivalent. */
export function buildPlus(app: App, n: number): void {
  const chart = new Chart(app, 'apps', { namespace: NAMESPACE });
  for (let i = 0; i < n; i++) {
    webPlus(chart, i);
    if (i % 3 === 0) {
      new kplus.StatefulSet(chart, `db-${i}`, {
        metadata: { name: `db-${i}` },
        containers: [{ image: 'example/db:1.0', ports: [{ number: 5432, name: 'pg' }] }],
        replicas: 3,
      });
    } else if (i % 3 === 1) {
      new kplus.Service(chart, `legacy-${i}`, { metadata: { name: `legacy-${i}` }, ports: [{ port: 80 }] });
      new kplus.k8s.KubeEndpointSlice(chart, `legacy-${i}-slice`, {
        metadata: { name: `legacy-${i}-ipv4`, labels: { 'kubernetes.io/service-name': `legacy-${i}` } },
        addressType: 'IPv4',
        ports: [{ port: 80, protocol: 'TCP' }],
        endpoints: members(i).map((m) => ({ addresses: [m.address], conditions: { ready: true } })),
      });
    } else {
      new kplus.Service(chart, `ext-${i}`, { metadata: { name: `ext-${i}` }, type: kplus.ServiceType.EXTERNAL_NAME, externalName: `ext-${i}.example.net` });
    }
  }
}

/** This library: networking objects only (no workloads). */
export function buildLibraryNetworking(app: App, n: number): void {
  const chart = new Chart(app, 'apps', { namespace: NAMESPACE });
  for (let i = 0; i < n; i++) {
    new sp.HeadlessService(chart, `web-${i}`, { serviceName: `web-${i}`, selector: { app: `web-${i}` }, ports: [{ name: 'http', port: 80 }] });
    new sp.TlsIngress(chart, `ing-${i}`, {
      ingressName: `web-${i}`,
      ingressClassName: 'nginx',
      rules: [{ host: `app-${i}.example.com`, paths: [{ path: '/', backend: sp.ServiceBackend.fromServiceName(`web-${i}`, { portNumber: 80 }) }] }],
      tls: [{ hosts: [`app-${i}.example.com`], source: sp.TlsSource.fromExistingSecret(`app-${i}-tls`) }],
    });
    if (i % 2 === 0) {
      new sp.ManualEndpointService(chart, `legacy-${i}`, { serviceName: `legacy-${i}`, ports: [{ port: 80 }], members: members(i) });
    } else {
      new sp.ExternalAlias(chart, `ext-${i}`, { serviceName: `ext-${i}`, target: sp.AliasTarget.fromDnsName(`ext-${i}.example.net`) });
    }
  }
}

/** The web app i with this library: an ExposedApp (Deployment + NodePort Service) and a TlsIngress with one rule. */
function webLibrary(chart: Chart, i: number): void {
  const web = new sp.ExposedApp(chart, `web-${i}`, {
    serviceName: `web-${i}`,
    type: sp.ExposureType.NODE_PORT,
    ports: [{ name: 'http', port: 80 }],
    container: { image: 'example/web:1.0', ports: [{ number: 8080, name: 'http' }] },
  });
  new sp.TlsIngress(chart, `ing-${i}`, {
    ingressName: `web-${i}`,
    ingressClassName: 'nginx',
    rules: [{ host: `app-${i}.example.com`, paths: [{ path: '/', backend: sp.ServiceBackend.fromServicePattern(web) }] }],
    tls: [{ hosts: [`app-${i}.example.com`], source: sp.TlsSource.fromExistingSecret(`app-${i}-tls`) }],
  });
}

/** The budget workload with this library, all apps in one Chart. */
export function buildWebLibrary(app: App, n: number): void {
  const chart = new Chart(app, 'apps', { namespace: NAMESPACE });
  for (let i = 0; i < n; i++) webLibrary(chart, i);
}

/** The budget workload with this library, one Chart per app. */
export function buildWebLibraryCharts(app: App, n: number): void {
  for (let i = 0; i < n; i++) webLibrary(new Chart(app, `app-${i}`, { namespace: NAMESPACE }), i);
}

/** The budget workload with cdk8s-plus-27 alone: Deployment, exposeViaService (NodePort), Ingress. */
export function buildWebPlus(app: App, n: number): void {
  const chart = new Chart(app, 'apps', { namespace: NAMESPACE });
  for (let i = 0; i < n; i++) webPlus(chart, i);
}

/** App i with cdk8s-plus-27 alone: Deployment (with a readiness probe), exposeViaService (NodePort), Ingress. */
function webPlus(chart: Chart, i: number): void {
  const deployment = new kplus.Deployment(chart, `web-${i}`, {
    metadata: { name: `web-${i}` },
    containers: [{ image: 'example/web:1.0', ports: [{ number: 8080, name: 'http' }], readiness: kplus.Probe.fromTcpSocket({ port: 8080 }) }],
  });
  const service = deployment.exposeViaService({ name: `web-${i}`, serviceType: kplus.ServiceType.NODE_PORT, ports: [{ port: 80, targetPort: 8080, name: 'http' }] });
  new kplus.Ingress(chart, `ing-${i}`, {
    metadata: { name: `web-${i}` },
    className: 'nginx',
    rules: [{ host: `app-${i}.example.com`, path: '/', backend: kplus.IngressBackend.fromService(service) }],
    tls: [{ hosts: [`app-${i}.example.com`], secret: kplus.Secret.fromSecretName(chart, `tls-${i}`, `app-${i}-tls`) }],
  });
}

/** The Gateway API budget workload with this library: a shared Gateway, and per app an ExposedApp and an HttpRoute. */
export function buildGatewayLibrary(app: App, n: number): void {
  const chart = new Chart(app, 'apps', { namespace: NAMESPACE });
  const gateway = new sp.Gateway(chart, 'gateway', {
    gatewayName: 'shared',
    gatewayClassName: 'eg',
    listeners: [
      { name: 'http', protocol: sp.ListenerProtocol.HTTP },
      { name: 'https', protocol: sp.ListenerProtocol.HTTPS, hostname: '*.example.com', tls: sp.TlsSource.fromExistingSecret('wildcard-example-tls') },
    ],
  });
  for (let i = 0; i < n; i++) {
    const web = new sp.ExposedApp(chart, `web-${i}`, {
      serviceName: `web-${i}`,
      type: sp.ExposureType.NODE_PORT,
      ports: [{ name: 'http', port: 80 }],
      container: { image: 'example/web:1.0', ports: [{ number: 8080, name: 'http' }] },
    });
    new sp.HttpRoute(chart, `route-${i}`, {
      routeName: `web-${i}`,
      parents: [sp.RouteParent.fromGateway(gateway, { sectionName: 'https' })],
      hostnames: [`app-${i}.example.com`],
      rules: [{ matches: [{ path: '/', pathType: sp.HttpPathType.PATH_PREFIX }], backends: [{ backend: sp.ServiceBackend.fromServicePattern(web) }] }],
    });
  }
}

/**
 * The given manifests (one Chart, dumped from gateway-library) as plain ApiObjects, but each Deployment built by
 * cdk8s-plus-27 from its manifest as ExposedApp builds it, at the path ExposedApp gives it (`apps/<id>/Deployment`,
 * so cdk8s-plus's path-hashed pod label is the same): the YAML is the library's, byte for byte.
 */
export function buildGatewayPlusFloor(app: App, charts: any[][]): void {
  const chart = new Chart(app, 'apps', { namespace: NAMESPACE });
  charts.flat().forEach((m, i) => {
    if (m.kind !== 'Deployment') {
      new ApiObject(chart, `o${i}`, m);
      return;
    }
    const container = m.spec.template.spec.containers[0];
    const port = container.ports[0];
    const podLabels = { ...m.spec.template.metadata.labels };
    delete podLabels['cdk8s.io/metadata.addr']; // cdk8s-plus adds it (hashed from the path)
    const deployment = new kplus.Deployment(new Construct(chart, m.metadata.name), 'Deployment', {
      select: false,
      podMetadata: { labels: podLabels },
      metadata: { labels: m.metadata.labels, name: m.metadata.name, namespace: NAMESPACE },
      containers: [{
        image: container.image,
        ports: [{ number: port.containerPort, name: port.name }],
        readiness: kplus.Probe.fromTcpSocket({ port: container.readinessProbe.tcpSocket.port }),
      }],
    });
    deployment.select(kplus.LabelSelector.of({ labels: m.spec.selector.matchLabels }));
  });
}

/** Hand-written: the given manifests (one array per Chart, as dumped) as plain ApiObjects, in one Chart. */
export function buildHandwritten(app: App, charts: any[][]): void {
  const chart = new Chart(app, 'apps');
  charts.flat().forEach((m, i) => new ApiObject(chart, `o${i}`, m));
}

/** Hand-written: the given manifests as plain ApiObjects, one Chart per dumped Chart. */
export function buildHandwrittenCharts(app: App, charts: any[][]): void {
  charts.forEach((manifests, c) => {
    const chart = new Chart(app, `app-${c}`);
    manifests.forEach((m, i) => new ApiObject(chart, `o${i}`, m));
  });
}
