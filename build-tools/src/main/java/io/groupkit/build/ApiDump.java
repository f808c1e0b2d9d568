package io.groupkit.build;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedTypeVariable;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the public API of one module's compiled classes as sorted text, or checks the module's
 * checked-in {@code api/<artifactId>.api} against it.
 *
 * <p>The API: the module's name, {@code requires transitive}, unqualified exports, and in each
 * exported package (every package without an {@code internal} segment for a jar without
 * {@code module-info}) the public types and their public members, protected ones too where a
 * user can subclass. Signatures are written with generics, JSpecify nullness, {@code throws},
 * {@code @Deprecated}, sealed {@code permits}, record components and enum constants. Implementation
 * details are left out: parameter names, method bodies, private and package-private members,
 * synthetic and bridge methods, a record's or an enum's implicit methods.
 *
 * <p>Run by the parent POM's {@code api} execution (exec-maven-plugin, {@code verify} phase), in
 * Maven's JVM with the module's compile class path:
 * {@code ApiDump <classes dir> <api file> <artifactId> <automatic module name> <update: true|false> <packaging>}.
 */
public final class ApiDump {
    /** What the failure message tells a developer to run. */
    static final String UPDATE_COMMAND = "dev/update-api";

    /** Annotations that change what a caller may do, written where they appear; all others are left out. */
    private static final Set<String> SHOWN = Set.of(
            "java.lang.Deprecated", "java.lang.FunctionalInterface",
            "org.jspecify.annotations.Nullable", "org.jspecify.annotations.NonNull",
            "org.jspecify.annotations.NullMarked", "org.jspecify.annotations.NullUnmarked");

    /** Separates a member's sort key from its line. */
    private static final char SORT = '\u0000';

    private final ClassLoader loader;

    private ApiDump(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * Dumps or checks one module.
     *
     * @param args the classes directory, the API file, the artifactId, the automatic module name,
     *             {@code true} to write the file instead of checking it, and the packaging
     * @throws Exception if the classes cannot be read, or the API differs from the file (the
     *                   message says how to update it)
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            throw new IllegalArgumentException("usage: ApiDump <classes dir> <api file> <artifactId> <automatic module name>"
                    + " <update: true|false> <packaging>");
        }
        if (args[5].equals("pom")) {
            return; // a POM (the parent, the BOM) has no classes
        }
        Path classes = Path.of(args[0]);
        Path apiFile = Path.of(args[1]);
        String artifactId = args[2];
        boolean update = args[4].isEmpty() || Boolean.parseBoolean(args[4]);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        String dump = new ApiDump(loader).dump(classes, artifactId, args[3]);
        String shown = apiFile.getParent().getFileName() + "/" + apiFile.getFileName();
        String before = Files.exists(apiFile) ? Files.readString(apiFile, StandardCharsets.UTF_8) : null;
        if (dump.equals(before)) {
            return;
        }
        if (update) {
            Files.createDirectories(apiFile.getParent());
            Files.writeString(apiFile, dump, StandardCharsets.UTF_8);
            System.out.println("[api] " + artifactId + ": " + shown + (before == null ? " written" : " updated"));
            return;
        }
        if (before == null) {
            throw new ApiChanged(artifactId + " has no " + shown + ". Write it with " + UPDATE_COMMAND
                    + " and commit it.");
        }
        System.out.println("[api] " + artifactId + ": the public API differs from " + shown + " ('-' in the file, '+' compiled):");
        System.out.print(Diff.unified(before, dump, 2));
        throw new ApiChanged("The public API of " + artifactId + " changed, and " + shown + " does not say so (diff above)."
                + " If the change is meant, regenerate the file with " + UPDATE_COMMAND + " -pl :" + artifactId
                + " -am (every module's: " + UPDATE_COMMAND + ") and commit it with the change. A '-' line breaks"
                + " callers: keep the old signature, deprecated, until the next minor version, and say it in CHANGELOG.md.");
    }

    /** The build fails with this: its message is all a developer needs. */
    static final class ApiChanged extends Exception {
        private static final long serialVersionUID = 1L;

        ApiChanged(String message) {
            super(message, null, false, false);
        }
    }

    String dump(Path classes, String artifactId, String automaticName) throws IOException, ClassNotFoundException {
        StringBuilder out = new StringBuilder();
        out.append("# The public API of ").append(artifactId).append(", written by the build (GroupKit build-tools ApiDump).\n");
        out.append("# A change to it fails `mvn verify` until this file is regenerated: ").append(UPDATE_COMMAND).append('\n');
        List<String> classNames = Files.isDirectory(classes) ? classNames(classes) : List.of();
        Set<String> packages = new TreeSet<>();
        Path moduleInfo = classes.resolve("module-info.class");
        if (Files.exists(moduleInfo)) {
            ModuleDescriptor module;
            try (InputStream in = Files.newInputStream(moduleInfo)) {
                module = ModuleDescriptor.read(in);
            }
            out.append('\n').append(module(module, packages));
        } else {
            out.append("\nmodule ").append(automaticName).append(" (automatic: no module-info)\n");
            for (String name : classNames) {
                String pkg = packageOf(name);
                if (!pkg.isEmpty() && !Arrays.asList(pkg.split("\\.")).contains("internal")) {
                    packages.add(pkg);
                }
            }
            packages.forEach(p -> out.append("  exports ").append(p).append('\n'));
        }
        if (classNames.isEmpty()) {
            out.append("\n(no classes)\n");
            return out.toString();
        }
        TreeMap<String, List<Class<?>>> byPackage = new TreeMap<>();
        for (String name : classNames) {
            String pkg = packageOf(name);
            if (!packages.contains(pkg) || name.endsWith("package-info") || name.equals("module-info")) {
                continue;
            }
            Class<?> c = Class.forName(name, false, loader);
            if (isApi(c)) {
                byPackage.computeIfAbsent(pkg, k -> new ArrayList<>()).add(c);
            }
        }
        for (String pkg : packages) {
            out.append("\npackage ").append(pkg).append(packageAnnotations(pkg)).append('\n');
            List<Class<?>> types = byPackage.getOrDefault(pkg, List.of());
            types.sort(Comparator.comparing(ApiDump::name));
            for (Class<?> c : types) {
                out.append('\n').append(type(c));
            }
        }
        return out.toString();
    }

    private static String module(ModuleDescriptor m, Set<String> packages) {
        StringBuilder b = new StringBuilder(m.isOpen() ? "open module " : "module ").append(m.name()).append('\n');
        m.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .sorted(Comparator.comparing(ModuleDescriptor.Requires::name))
                .map(r -> "  requires " + (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC) ? "static " : "")
                        + "transitive " + r.name())
                .forEach(s -> b.append(s).append('\n'));
        m.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source).sorted().forEach(p -> {
            packages.add(p);
            b.append("  exports ").append(p).append('\n');
        });
        m.opens().stream().filter(o -> !o.isQualified()).map(o -> "  opens " + o.source()).sorted()
                .forEach(s -> b.append(s).append('\n'));
        m.uses().stream().sorted().forEach(u -> b.append("  uses ").append(u).append('\n'));
        m.provides().stream().map(p -> "  provides " + p.service() + " with " + String.join(", ", new TreeSet<>(p.providers())))
                .sorted().forEach(s -> b.append(s).append('\n'));
        if (m.exports().stream().noneMatch(e -> !e.isQualified())) {
            b.append("  (no package exported to every module)\n");
        }
        return b.toString();
    }

    private static List<String> classNames(Path classes) throws IOException {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace('\\', '/'))
                    .map(s -> s.substring(0, s.length() - ".class".length()).replace('/', '.'))
                    .sorted().collect(Collectors.toList());
        }
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private String packageAnnotations(String pkg) {
        try {
            Class<?> info = Class.forName(pkg + ".package-info", false, loader);
            String shown = annotations(info);
            return shown.isEmpty() ? "" : " " + shown.strip();
        } catch (ClassNotFoundException e) {
            return "";
        }
    }

    /** Public, or protected and nested in an API type a user can extend; never local, anonymous or synthetic. */
    private static boolean isApi(Class<?> c) {
        if (c.isSynthetic() || c.isAnonymousClass() || c.isLocalClass()) {
            return false;
        }
        Class<?> outer = c.getDeclaringClass();
        if (outer == null) {
            return Modifier.isPublic(c.getModifiers());
        }
        if (!isApi(outer)) {
            return false;
        }
        return Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers()) && extensible(outer);
    }

    /** Whether a user's class can extend it, so that its protected members are API. */
    private static boolean extensible(Class<?> c) {
        if (c.isInterface() || c.isEnum() || c.isRecord() || c.isSealed() || Modifier.isFinal(c.getModifiers())) {
            return false;
        }
        return Arrays.stream(c.getDeclaredConstructors())
                .anyMatch(k -> Modifier.isPublic(k.getModifiers()) || Modifier.isProtected(k.getModifiers()));
    }

    private static boolean visible(int modifiers, Class<?> owner) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers) && extensible(owner);
    }

    private static String name(Class<?> c) {
        if (c.isArray()) {
            return name(c.getComponentType()) + "[]";
        }
        String canonical = c.getCanonicalName();
        return canonical != null ? canonical : c.getName();
    }

    // ---- one type ----

    private String type(Class<?> c) {
        StringBuilder b = new StringBuilder();
        b.append(annotations(c));
        int m = c.getModifiers();
        b.append(Modifier.isPublic(m) ? "public " : "protected ");
        if (c.isAnnotation()) {
            b.append("@interface ");
        } else if (c.isInterface()) {
            b.append(c.isSealed() ? "sealed " : nonSealed(c) ? "non-sealed " : "").append("interface ");
        } else if (c.isEnum()) {
            b.append("enum ");
        } else if (c.isRecord()) {
            b.append("record ");
        } else {
            if (c.getDeclaringClass() != null && Modifier.isStatic(m)) {
                b.append("static ");
            }
            if (Modifier.isAbstract(m)) {
                b.append("abstract ");
            }
            if (Modifier.isFinal(m)) {
                b.append("final ");
            }
            b.append(c.isSealed() ? "sealed " : nonSealed(c) ? "non-sealed " : "").append("class ");
        }
        b.append(name(c)).append(typeParameters(c.getTypeParameters()).stripTrailing());
        if (c.isRecord()) {
            b.append(Arrays.stream(c.getRecordComponents()).map(this::component).collect(Collectors.joining(", ", "(", ")")));
        }
        if (!c.isInterface() && !c.isEnum() && !c.isRecord() && c.getSuperclass() != Object.class) {
            b.append(" extends ").append(type(c.getAnnotatedSuperclass()));
        }
        List<String> interfaces = Arrays.stream(c.getAnnotatedInterfaces())
                .filter(t -> !(c.isAnnotation() && t.getType() == Annotation.class))
                .map(this::type).collect(Collectors.toList());
        if (!interfaces.isEmpty()) {
            b.append(c.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
        }
        if (c.isSealed()) {
            b.append(" permits ").append(Arrays.stream(c.getPermittedSubclasses()).map(ApiDump::name).sorted()
                    .collect(Collectors.joining(", ")));
        }
        b.append('\n');
        for (String member : members(c)) {
            b.append("  ").append(member).append('\n');
        }
        return b.toString();
    }

    /** Not final or sealed, extending a sealed type: {@code non-sealed} in its source. */
    private static boolean nonSealed(Class<?> c) {
        if (c.isSealed() || Modifier.isFinal(c.getModifiers()) || c.isEnum() || c.isRecord()) {
            return false;
        }
        Class<?> superclass = c.getSuperclass();
        return superclass != null && superclass.isSealed() || Arrays.stream(c.getInterfaces()).anyMatch(Class::isSealed);
    }

    private List<String> members(Class<?> c) {
        List<String> constants = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        List<String> constructors = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        // Members a public class inherits from a superclass users cannot name are its API too.
        List<Class<?>> owners = new ArrayList<>();
        owners.add(c);
        for (Class<?> s = c.getSuperclass(); s != null && s != Object.class && !isApi(s); s = s.getSuperclass()) {
            owners.add(s);
        }
        for (Class<?> owner : owners) {
            for (Field f : owner.getDeclaredFields()) {
                if (f.isEnumConstant() && owner == c) {
                    constants.add(annotations(f) + "constant " + f.getName()); // in declaration order: ordinal() is API
                } else if (!f.isSynthetic() && !f.isEnumConstant() && visible(f.getModifiers(), c)) {
                    fields.add(f.getName() + SORT + annotations(f) + modifiers(f.getModifiers(), c)
                            + (Modifier.isFinal(f.getModifiers()) ? "final " : "") + type(f.getAnnotatedType()) + " " + f.getName());
                }
            }
            for (Method method : owner.getDeclaredMethods()) {
                if (method.isSynthetic() || method.isBridge() || !visible(method.getModifiers(), c) || implicit(c, method)) {
                    continue;
                }
                methods.add(method.getName() + parameters(method) + SORT + method(c, method));
            }
        }
        if (!c.isEnum()) {
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (!k.isSynthetic() && visible(k.getModifiers(), c) && !(c.isAnonymousClass())) {
                    constructors.add(parameters(k) + SORT + annotations(k) + modifiers(k.getModifiers(), c)
                            + typeParameters(k.getTypeParameters()) + c.getSimpleName() + parameters(k) + exceptions(k));
                }
            }
        }
        List<String> all = new ArrayList<>(constants);
        // By name, then parameters: an overload stays beside its siblings.
        for (List<String> sorted : List.of(fields, constructors, methods)) {
            sorted.sort(null);
            sorted.forEach(line -> all.add(line.substring(line.indexOf(SORT) + 1)));
        }
        return all;
    }

    /** A record's accessors, equals, hashCode and toString, an enum's values and valueOf: there in every one. */
    private static boolean implicit(Class<?> c, Method m) {
        String n = m.getName();
        int arity = m.getParameterCount();
        if (c.isRecord()) {
            return arity == 0 && (n.equals("hashCode") || n.equals("toString"))
                    || arity == 1 && n.equals("equals") && m.getParameterTypes()[0] == Object.class
                    || arity == 0 && Arrays.stream(c.getRecordComponents()).anyMatch(r -> r.getName().equals(n));
        }
        if (c.isEnum() && Modifier.isStatic(m.getModifiers())) {
            return arity == 0 && n.equals("values") || arity == 1 && n.equals("valueOf") && m.getParameterTypes()[0] == String.class;
        }
        return false;
    }

    private String method(Class<?> c, Method m) {
        StringBuilder b = new StringBuilder(annotations(m));
        int mods = m.getModifiers();
        if (c.isInterface()) {
            // public is implied; abstract too unless default or static
            b.append(m.isDefault() ? "default " : Modifier.isStatic(mods) ? "static " : "");
        } else {
            b.append(modifiers(mods, c));
            if (Modifier.isFinal(mods) && !Modifier.isFinal(c.getModifiers()) && !c.isRecord() && !c.isEnum()) {
                b.append("final ");
            }
        }
        b.append(typeParameters(m.getTypeParameters()));
        b.append(type(m.getAnnotatedReturnType())).append(' ').append(m.getName()).append(parameters(m));
        if (m.getDefaultValue() != null) {
            b.append(" default ").append(value(m.getDefaultValue()));
        }
        b.append(exceptions(m));
        return b.toString();
    }

    /** Public or protected, static, abstract (final is the caller's: a field's always, a method's where not implied). */
    private static String modifiers(int m, Class<?> owner) {
        StringBuilder b = new StringBuilder(Modifier.isPublic(m) ? "public " : "protected ");
        if (Modifier.isStatic(m)) {
            b.append("static ");
        }
        if (Modifier.isAbstract(m) && !owner.isInterface()) {
            b.append("abstract ");
        }
        return b.toString();
    }

    private String parameters(Executable e) {
        AnnotatedType[] types = e.getAnnotatedParameterTypes();
        Parameter[] parameters = e.getParameters();
        // An inner class's constructor has its outer instance first in the class file only.
        int skip = parameters.length - types.length;
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            String t = annotations(parameters[i + skip]) + type(types[i]);
            if (e.isVarArgs() && i == types.length - 1 && t.endsWith("[]")) {
                t = t.substring(0, t.length() - 2) + "...";
            }
            shown.add(t);
        }
        return "(" + String.join(", ", shown) + ")";
    }

    private String exceptions(Executable e) {
        AnnotatedType[] thrown = e.getAnnotatedExceptionTypes();
        if (thrown.length == 0) {
            return "";
        }
        return Arrays.stream(thrown).map(this::type).sorted().collect(Collectors.joining(", ", " throws ", ""));
    }

    private String component(RecordComponent r) {
        return annotations(r) + type(r.getAnnotatedType()) + " " + r.getName();
    }

    private String typeParameters(TypeVariable<?>[] variables) {
        if (variables.length == 0) {
            return "";
        }
        List<String> shown = new ArrayList<>();
        for (TypeVariable<?> v : variables) {
            List<String> bounds = Arrays.stream(v.getAnnotatedBounds())
                    .filter(t -> t.getType() != Object.class || t.getAnnotations().length > 0)
                    .map(this::type).collect(Collectors.toList());
            shown.add(annotations(v) + v.getName() + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds)));
        }
        return "<" + String.join(", ", shown) + "> ";
    }

    /** A type as written in source, fully qualified, with the annotations that are API. */
    private String type(AnnotatedType t) {
        String a = annotations(t);
        if (t instanceof AnnotatedArrayType array) {
            return type(array.getAnnotatedGenericComponentType()) + (a.isEmpty() ? "" : " " + a.strip() + " ") + "[]";
        }
        if (t instanceof AnnotatedTypeVariable) {
            return a + ((TypeVariable<?>) t.getType()).getName();
        }
        if (t instanceof AnnotatedWildcardType w) {
            AnnotatedType[] lower = w.getAnnotatedLowerBounds();
            if (lower.length > 0) {
                return a + "? super " + type(lower[0]);
            }
            AnnotatedType[] upper = w.getAnnotatedUpperBounds();
            if (upper.length == 0 || upper[0].getType() == Object.class && upper[0].getAnnotations().length == 0) {
                return a + "?";
            }
            return a + "? extends " + type(upper[0]);
        }
        if (t instanceof AnnotatedParameterizedType p) {
            java.lang.reflect.ParameterizedType raw = (java.lang.reflect.ParameterizedType) p.getType();
            return a + name((Class<?>) raw.getRawType()) + Arrays.stream(p.getAnnotatedActualTypeArguments()).map(this::type)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
        if (t.getType() instanceof Class<?> c) {
            return a + name(c);
        }
        return a + t.getType().getTypeName();
    }

    private static String annotations(AnnotatedElement e) {
        StringBuilder b = new StringBuilder();
        Arrays.stream(e.getDeclaredAnnotations())
                .filter(x -> SHOWN.contains(x.annotationType().getName()))
                .sorted(Comparator.comparing(x -> x.annotationType().getName()))
                .forEach(x -> b.append(annotation(x)).append(' '));
        return b.toString();
    }

    private static String annotation(Annotation a) {
        List<String> values = new ArrayList<>();
        for (Method m : a.annotationType().getDeclaredMethods()) {
            try {
                Object v = m.invoke(a);
                if (!v.equals(m.getDefaultValue())) {
                    values.add(m.getName() + " = " + value(v));
                }
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }
        values.sort(null);
        return "@" + a.annotationType().getSimpleName() + (values.isEmpty() ? "" : "(" + String.join(", ", values) + ")");
    }

    private static String value(Object v) {
        if (v instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (v instanceof Class<?> c) {
            return name(c) + ".class";
        }
        if (v instanceof Enum<?> e) {
            return name(e.getDeclaringClass()) + "." + e.name();
        }
        if (v instanceof Annotation a) {
            return annotation(a);
        }
        if (v.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(v);
            List<String> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(value(java.lang.reflect.Array.get(v, i)));
            }
            return "{" + String.join(", ", items) + "}";
        }
        if (v instanceof Character ch) {
            return "'" + ch + "'";
        }
        if (v instanceof Long l) {
            return l + "L";
        }
        if (v instanceof Float f) {
            return f + "f";
        }
        return String.valueOf(v);
    }
}
