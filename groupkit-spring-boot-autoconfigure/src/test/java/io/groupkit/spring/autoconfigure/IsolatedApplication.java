package io.groupkit.spring.autoconfigure;

import java.util.Map;
import java.util.TreeSet;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A whole Spring Boot application, started by {@link AdapterCombinationTest} inside a class loader
 * that truly lacks some GroupKit jars. It names only JDK and Spring types in its signatures, so the
 * test can call it by reflection across class loaders.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class IsolatedApplication {

    /**
     * Starts the application, reads what it made, stops it.
     *
     * @param properties {@code name=value} pairs
     * @return the bean names of the GroupKit clients, their health indicators (with each one's status),
     *     the accounts of composite health contributors ({@code bean/account=STATUS}) and the listener
     */
    public static String run(String... properties) {
        SpringApplication app = new SpringApplication(IsolatedApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        app.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        app.setDefaultProperties(Map.of("spring.main.register-shutdown-hook", "false"));
        try (ConfigurableApplicationContext ctx = app.run(java.util.Arrays.stream(properties).map(p -> "--" + p)
                .toArray(String[]::new))) {
            TreeSet<String> seen = new TreeSet<>();
            for (String name : ctx.getBeanNamesForType(io.groupkit.core.GroupMembership.class)) {
                seen.add(name);
            }
            ctx.getBeansOfType(org.springframework.boot.health.contributor.HealthIndicator.class)
                    .forEach((name, h) -> {
                        if (name.startsWith("greenapi") || name.startsWith("bitrix24") || name.startsWith("telegram")) {
                            seen.add(name + "=" + h.health(false).getStatus().getCode());
                        }
                    });
            ctx.getBeansOfType(org.springframework.boot.health.contributor.CompositeHealthContributor.class)
                    .forEach((name, composite) -> composite.stream().forEach(entry -> seen.add(name + "/" + entry.name() + "="
                            + ((org.springframework.boot.health.contributor.HealthIndicator) entry.contributor())
                                    .health(false).getStatus().getCode())));
            for (String name : ctx.getBeanNamesForType(io.groupkit.core.GroupKitListener.class)) {
                seen.add(name);
            }
            return String.join(",", seen);
        }
    }
}
