package dev.photo.cli.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the environment variable of an option whose variable existed before the generic rule of
 * {@link EnvironmentDefaults} ({@code --data-dir} is {@code $PHOTO_HOME}, {@code login --username} is
 * {@code $PHOTO_USERNAME}); scripts that set those keep working. It replaces the rule's names for that option.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface EnvironmentVariable {

    String value();
}
