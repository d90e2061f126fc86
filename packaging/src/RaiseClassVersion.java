import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar with its classes older than Java 8 rewritten as Java 8 class files (version 52, stack maps
 * computed), for the package's AOT cache: the JVM leaves classes older than Java 6 out of it ("Old class has been
 * linked"), and picocli's jar is compiled for Java 5. The bytecode itself is unchanged; only the version and the
 * stack map frames that version requires are new, so the JVM's verifier checks the result as strictly as ever.
 * Run at package time with JDK 25 or later (the java.lang.classfile API):
 * {@code java packaging/src/RaiseClassVersion.java IN.jar OUT.jar}.
 */
public final class RaiseClassVersion {

    private static final int JAVA_8 = 52;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: RaiseClassVersion IN.jar OUT.jar");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        try (URLClassLoader jar = new URLClassLoader(new URL[] {in.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            // stack maps need the common super class of two types: from the jar itself, then from the JDK
            ClassFile classFile = ClassFile.of(
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.ofResourceParsing(jar)
                            .orElse(ClassHierarchyResolver.defaultResolver())),
                    ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
            int raised = 0;
            try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(in));
                 ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(out))) {
                for (ZipEntry entry; (entry = zin.getNextEntry()) != null; ) {
                    byte[] bytes = zin.readAllBytes();
                    if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                        ClassModel model = classFile.parse(bytes);
                        if (model.majorVersion() < JAVA_8) {
                            bytes = raise(classFile, model);
                            raised++;
                        }
                    }
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    zout.putNextEntry(copy);
                    zout.write(bytes);
                    zout.closeEntry();
                }
            }
            System.err.println("RaiseClassVersion: " + raised + " classes of " + in.getFileName() + " now Java 8 class files");
        }
    }

    private static byte[] raise(ClassFile classFile, ClassModel model) {
        // passing every method body through a code transform makes the library write the code anew, stack maps included
        ClassTransform newVersion = (builder, element) -> {
            if (element instanceof ClassFileVersion) {
                builder.withVersion(JAVA_8, 0);
            } else {
                builder.with(element);
            }
        };
        return classFile.transformClass(model, ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                .andThen(newVersion));
    }
}
