// The mistake: node port 80 is outside the cluster's node port range (30000-32767). app.synth() throws.
package com.example;

import io.github.cdk8s_service_patterns.ExposedApp;
import io.github.cdk8s_service_patterns.ExposedPort;
import io.github.cdk8s_service_patterns.ExposureType;
import java.util.List;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.plus27.ContainerPort;
import org.cdk8s.plus27.ContainerProps;
import org.cdk8s.plus27.ContainerSecurityContextProps;

public class NodePortMistake {
    public static void main(String[] args) {
        App app = new App();
        Chart chart = new Chart(app, "kubia-nodeport");

        ExposedApp.Builder.create(chart, "Kubia")
                .serviceName("kubia-nodeport")
                .type(ExposureType.NODE_PORT)
                .ports(List.of(ExposedPort.builder().name("http").port(80).nodePort(80).build()))
                .container(ContainerProps.builder()
                        .image("luksa/kubia")
                        .ports(List.of(ContainerPort.builder().number(8080).name("http").build()))
                        .securityContext(ContainerSecurityContextProps.builder().user(1000).build())
                        .build())
                .build();

        app.synth();
    }
}
