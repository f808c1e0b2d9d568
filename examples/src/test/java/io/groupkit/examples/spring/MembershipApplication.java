package io.groupkit.examples.spring;

import io.groupkit.core.AddResult;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.greenapi.GreenApiClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot service on the GroupKit starter: with {@code groupkit.greenapi.*} set, the client is
 * a bean, {@code /actuator/health} shows the instance's state and {@code /actuator/metrics} the
 * {@code groupkit.*} meters.
 */
@SpringBootApplication
@RestController
public class MembershipApplication {
    private final GreenApiClient whatsapp;

    /**
     * The service.
     *
     * @param whatsapp the client the starter made
     */
    public MembershipApplication(GreenApiClient whatsapp) {
        this.whatsapp = whatsapp;
    }

    /**
     * Adds a person to a group.
     *
     * @param group the group id
     * @param phone the person's number
     * @return the outcome's kind
     */
    @PostMapping("/groups/{group}/members/{phone}")
    public String add(@PathVariable("group") String group, @PathVariable("phone") String phone) {
        AddResult r = whatsapp.add(GroupRef.of(group), Member.phone(phone));
        return r.kind().name();
    }

    /**
     * Runs the service.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        SpringApplication.run(MembershipApplication.class, args);
    }
}
