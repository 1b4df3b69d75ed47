// The textbook Ingress (examples/sample-ingress): sample.example.com/path1 -> svc-1:8888, /path2 -> svc-2:8888,
// everything else -> sample-ingress-default:8888, IngressClass nginx, TLS from the Secret `tls-sample`.
package com.example;

import io.github.cdk8s_service_patterns.NginxOptions;
import io.github.cdk8s_service_patterns.ServiceBackend;
import io.github.cdk8s_service_patterns.TlsEntry;
import io.github.cdk8s_service_patterns.TlsIngress;
import io.github.cdk8s_service_patterns.TlsIngressPath;
import io.github.cdk8s_service_patterns.TlsIngressRule;
import io.github.cdk8s_service_patterns.TlsSource;
import java.util.List;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.plus27.ContainerPort;
import org.cdk8s.plus27.ContainerProps;
import org.cdk8s.plus27.Deployment;
import org.cdk8s.plus27.DeploymentExposeViaServiceOptions;
import org.cdk8s.plus27.EmptyDirVolumeOptions;
import org.cdk8s.plus27.HttpGetProbeOptions;
import org.cdk8s.plus27.Probe;
import org.cdk8s.plus27.Service;
import org.cdk8s.plus27.ServicePort;
import org.cdk8s.plus27.Volume;
import org.cdk8s.plus27.VolumeMount;
import software.constructs.Construct;

public class SampleIngress {
    /** A small nginx Deployment behind a ClusterIP Service {@code name} on port 8888. */
    static Service backendService(Construct scope, String name) {
        Volume tmp = Volume.fromEmptyDir(scope, name + "-tmp", "tmp");
        Deployment deployment = Deployment.Builder.create(scope, name)
                .metadata(ApiObjectMetadata.builder().name(name).build())
                .containers(List.of(ContainerProps.builder()
                        .image("nginxinc/nginx-unprivileged:1.27")
                        .ports(List.of(ContainerPort.builder().number(8080).name("http").build()))
                        .readiness(Probe.fromHttpGet("/", HttpGetProbeOptions.builder().port(8080).build()))
                        .volumeMounts(List.of(VolumeMount.builder().path("/tmp").volume(tmp).build()))
                        .build()))
                .build();
        return deployment.exposeViaService(DeploymentExposeViaServiceOptions.builder()
                .name(name)
                .ports(List.of(ServicePort.builder().port(8888).targetPort(8080).build()))
                .build());
    }

    public static void main(String[] args) {
        App app = new App();
        Chart chart = new Chart(app, "sample-ingress");

        Service svc1 = backendService(chart, "svc-1");
        Service svc2 = backendService(chart, "svc-2");
        Service fallback = backendService(chart, "sample-ingress-default");

        TlsIngress.Builder.create(chart, "SampleIngress")
                .ingressName("sample-ingress")
                .ingressClassName("nginx")
                .rules(List.of(TlsIngressRule.builder()
                        .host("sample.example.com")
                        .paths(List.of(
                                TlsIngressPath.builder().path("/path1").backend(ServiceBackend.fromService(svc1)).build(),
                                TlsIngressPath.builder().path("/path2").backend(ServiceBackend.fromService(svc2)).build()))
                        .build()))
                .defaultBackend(ServiceBackend.fromService(fallback))
                .tls(List.of(TlsEntry.builder()
                        .hosts(List.of("sample.example.com"))
                        .source(TlsSource.fromExistingSecret("tls-sample"))
                        .build()))
                .nginx(NginxOptions.builder().build()) // HTTP -> HTTPS redirect (on by default with TLS)
                .build();

        app.synth();
    }
}
