// A GitOps app repository: `cdk8s synth` writes plain YAML into manifests/, which is committed; Argo CD
// (argocd-application.yaml) or Flux (flux-kustomization.yaml) applies that folder to the cluster, and CI
// (ci-check.sh) fails when the committed YAML differs from a fresh synth. The output is byte-identical from
// run to run: stable names (no random suffixes), stable order, no timestamps.
//
// A starting repository: copy this folder out, `npm install`, `npx cdk8s synth` (see README.md). In this
// repository 'cdk8s-service-patterns' resolves to the sources; CI also installs the packed package into a copy.
import { ApiObject, App, Chart, YamlOutputType } from 'cdk8s';
// eslint-disable-next-line import/no-unresolved -- the package by name: installed in a copied-out repository, the sources here
import { ExposedApp, ExposureType, ServiceBackend, TlsIngress, TlsSource } from 'cdk8s-service-patterns';

// one file per chart; CDK8S_OUTDIR (used by the repository's synth-examples) overrides the folder
const app = new App({ outdir: process.env.CDK8S_OUTDIR ?? 'manifests', yamlOutputType: YamlOutputType.FILE_PER_CHART });

// The namespace itself: Flux's Kustomization (targetNamespace) does not create it, Argo CD's CreateNamespace does;
// in its own chart (no namespace of its own), so its file sorts first.
new ApiObject(new Chart(app, 'namespace'), 'Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });

const chart = new Chart(app, 'shop', { namespace: 'shop' });

const web = new ExposedApp(chart, 'Web', {
  serviceName: 'web',
  type: ExposureType.NODE_PORT,
  ports: [{ name: 'http', port: 80 }],
  container: { image: 'example/shop-web:1.4.2', ports: [{ number: 8080, name: 'http' }] },
  deploymentProps: { replicas: 3 },
});

new TlsIngress(chart, 'Ingress', {
  ingressName: 'shop',
  ingressClassName: 'nginx',
  rules: [{ host: 'shop.example.com', paths: [{ path: '/', backend: ServiceBackend.fromServicePattern(web) }] }],
  tls: [{ hosts: ['shop.example.com'], source: TlsSource.fromCertManager({ clusterIssuer: 'letsencrypt-prod' }) }],
  nginx: {},
});

app.synth();
