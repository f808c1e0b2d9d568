package io.groupkit.spring.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when a provider has named accounts ({@code groupkit.<provider>.accounts.<name>.*}), or,
 * with {@code present = false}, when it has none.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(ConditionalOnNamedAccounts.OnNamedAccounts.class)
@interface ConditionalOnNamedAccounts {

    /**
     * The provider.
     *
     * @return {@code greenapi}, {@code bitrix24} or {@code telegram}
     */
    String value();

    /**
     * Whether named accounts must be there.
     *
     * @return true to match when there are some, false when there are none
     */
    boolean present() default true;

    /** The condition. */
    final class OnNamedAccounts extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Map<String, Object> attributes = Objects.requireNonNull(
                    metadata.getAnnotationAttributes(ConditionalOnNamedAccounts.class.getName()));
            // Spring gives every attribute, defaults included.
            String provider = (String) Objects.requireNonNull(attributes.get("value"));
            boolean present = (Boolean) Objects.requireNonNull(attributes.get("present"));
            boolean some = !NamedAccounts.names(context.getEnvironment(), provider).isEmpty();
            String what = NamedAccounts.prefix(provider) + (some ? " has accounts" : " has none");
            return some == present ? ConditionOutcome.match(what) : ConditionOutcome.noMatch(what);
        }
    }
}
