package dev.photo.cli.model;

import dev.photo.cli.config.OptionMember;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * What the generated command models ({@code GeneratedModels} in the command and mixin packages, written by
 * {@link ModelSource}) bind their options with: one member of a command object, read and set without reflection. A
 * generated subclass per command class says in two switches how its members are read and written; the rest is here.
 *
 * @param <C> the command or mixin class that declares the members
 */
public abstract class BoundMember<C> implements IGetter, ISetter, OptionMember {

    /** The command object whose member this is. */
    protected final C target;
    /** The member's index among its class's bound members: the case of the generated switches. */
    protected final int member;
    private final Class<C> declaringClass;
    private final String name;
    private final String variable;
    /** The last value given to a setter method, which picocli reads back as the option's. */
    private Object lastSet;

    protected BoundMember(Class<C> declaringClass, C target, int member, String name, String variable) {
        this.declaringClass = declaringClass;
        this.target = target;
        this.member = member;
        this.name = name;
        this.variable = variable;
    }

    /** The member's value: a field's own, or for a setter method the value last given ({@link #lastSet()}). */
    protected abstract Object read();

    /** Assigns the field, or calls the setter method. */
    protected abstract void write(Object value);

    /** The value last given to {@link #set}: what a setter method's option reads back. */
    protected final Object lastSet() {
        return lastSet;
    }

    @Override
    @SuppressWarnings("unchecked")
    public final <T> T get() {
        return (T) read();
    }

    @Override
    public final <T> T set(T value) {
        T old = get();
        write(value);
        lastSet = value;
        return old;
    }

    @Override
    public final Class<?> declaringClass() {
        return declaringClass;
    }

    @Override
    public final String memberName() {
        return name;
    }

    @Override
    public final String environmentVariable() {
        return variable;
    }

    /** The option bound to {@code member}: its getter, setter and the member that its user object names. */
    public static OptionSpec.Builder bound(OptionSpec.Builder option, BoundMember<?> member) {
        return option.getter(member).setter(member).userObject(member);
    }

    /** The positional parameter bound to {@code member}, as an option is. */
    public static PositionalParamSpec.Builder bound(PositionalParamSpec.Builder positional, BoundMember<?> member) {
        return positional.getter(member).setter(member).userObject(member);
    }

    /** An option of picocli's own ({@code --help}, {@code --version}) that keeps its value here, as picocli's field would. */
    public static OptionSpec.Builder holding(OptionSpec.Builder option, Object initial) {
        Value value = new Value(initial);
        return option.getter(value).setter(value);
    }

    /** The value of an option whose member only picocli sees. */
    private static final class Value implements IGetter, ISetter {

        private Object value;

        Value(Object initial) {
            this.value = initial;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T newValue) {
            T old = (T) value;
            value = newValue;
            return old;
        }
    }
}
