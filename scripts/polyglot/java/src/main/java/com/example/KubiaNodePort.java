// kubia exposed on every node's port 30123: Service port 80 -> container port 8080 (by its name, "http").
package com.example;

import io.github.cdk8s_service_patterns.ExposedApp;
import io.github.cdk8s_service_patterns.ExposedPort;
import io.github.cdk8s_service_patterns.ExposureType;
import java.util.List;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.plus27.ContainerPort;
import org.cdk8s.plus27.ContainerProps;
import org.cdk8s.plus27.ContainerSecurityContextProps;
import org.cdk8s.plus27.DeploymentProps;

public class KubiaNodePort {
    public static void main(String[] args) {
        App app = new App();
        Chart chart = new Chart(app, "kubia-nodeport");

        ExposedApp.Builder.create(chart, "Kubia")
                .serviceName("kubia-nodeport")
                .type(ExposureType.NODE_PORT)
                .ports(List.of(ExposedPort.builder().name("http").port(80).nodePort(30123).build()))
                .container(ContainerProps.builder()
                        .image("luksa/kubia")
                        .ports(List.of(ContainerPort.builder().number(8080).name("http").build()))
                        // cdk8s-plus requires a non-root user; the image would otherwise run as root.
                        .securityContext(ContainerSecurityContextProps.builder().user(1000).build())
                        .build())
                .deploymentProps(DeploymentProps.builder()
                        .metadata(ApiObjectMetadata.builder().name("kubia").build())
                        .replicas(3)
                        .build())
                .build();

        app.synth();
    }
}
