package dev.photo.backend.aws.moto;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link MotoServer}: {@code @ExtendWith(MotoExtension.class)}, then a {@code MotoServer} parameter
 * on any test, lifecycle method or constructor. One server per test run, started on first use and stopped when the
 * run ends (JUnit closes it with the root store). If it cannot start, every test asking for it fails with why.
 */
public final class MotoExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(MotoExtension.class))
                .getOrComputeIfAbsent(MotoServer.class, k -> MotoServer.start(), MotoServer.class);
    }
}
