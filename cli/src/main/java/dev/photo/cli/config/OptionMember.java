package dev.photo.cli.config;

/**
 * The Java member behind an option of a command model built without reflection (the generated models of the
 * commands on the start path): what {@link EnvironmentDefaults} would otherwise read from the option's field or
 * method and its annotations.
 */
public interface OptionMember {

    /** The class that declares the member: the command's own, or a mixin's shared by several commands. */
    Class<?> declaringClass();

    /** The member's name, as the field or method is called. */
    String memberName();

    /** The variable an {@link EnvironmentVariable} annotation on the member names, or {@code null}. */
    String environmentVariable();
}
