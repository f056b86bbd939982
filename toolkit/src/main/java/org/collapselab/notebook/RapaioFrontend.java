package org.collapselab.notebook;

import java.awt.image.BufferedImage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Output through rapaio-jupyter-kernel (3.x), reached by reflection so the toolkit does not depend on
 * the kernel jar. User code runs inside the kernel's JVM (JShell's direct execution), whose class
 * loader chain reaches the kernel's static API {@code org.rapaio.jupyter.kernel.global.Global}:
 * {@code display(mime, object)} returns a display id and {@code updateDisplay(id, mime, object)}
 * replaces that output in place. Images go as {@code RenderedImage}, which the kernel encodes as PNG.
 */
final class RapaioFrontend implements Frontend {
    static final String GLOBAL = "org.rapaio.jupyter.kernel.global.Global";
    static final String MAIN = "org.rapaio.jupyter.kernel.MainApp";

    private final Method display;
    private final Method update;

    private RapaioFrontend(Class<?> global) throws NoSuchMethodException {
        display = global.getMethod("display", String.class, Object.class);
        update = global.getMethod("updateDisplay", String.class, String.class, Object.class);
    }

    /**
     * The kernel's frontend when this JVM is a running rapaio kernel. Having the kernel jar on the class
     * path is not enough: its {@code MainApp.kernel} must be connected to Jupyter (has channels).
     */
    static Optional<Frontend> detect() {
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        loaders.add(RapaioFrontend.class.getClassLoader());
        if (Thread.currentThread().getContextClassLoader() != null) loaders.add(Thread.currentThread().getContextClassLoader());
        loaders.add(ClassLoader.getSystemClassLoader());
        for (ClassLoader loader : loaders) {
            try {
                Class.forName(GLOBAL, false, loader);
                Class<?> main = Class.forName(MAIN, true, loader);
                Object kernel = main.getField("kernel").get(null);
                if (kernel == null || kernel.getClass().getMethod("channels").invoke(kernel) == null) continue;
                return Optional.of(new RapaioFrontend(Class.forName(GLOBAL, true, loader)));
            } catch (ReflectiveOperationException | LinkageError e) {
                // not this loader, or not a kernel version we know: try the next, then fall back to the console
            }
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return "rapaio-jupyter-kernel";
    }

    @Override
    public boolean rich() {
        return true;
    }

    @Override
    public void text(String text) {
        display("text/plain", text);
    }

    @Override
    public void html(String html) {
        display("text/html", html);
    }

    @Override
    public void markdown(String markdown) {
        display("text/markdown", markdown);
    }

    @Override
    public void image(BufferedImage image, String label) {
        display("image/png", image);
    }

    @Override
    public LiveLine liveLine(String text) {
        String id = display("text/plain", text);
        return new LiveLine() {
            @Override
            public void replace(String t) {
                call(update, id, "text/plain", t);
            }

            @Override
            public void close() {
                // the last replaced text stays in the notebook
            }
        };
    }

    private String display(String mime, Object content) {
        return (String) call(display, mime, content);
    }

    private static Object call(Method m, Object... args) {
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("rapaio-jupyter-kernel " + m.getName() + " failed: " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call rapaio-jupyter-kernel " + m.getName() + ": " + e.getMessage(), e);
        }
    }
}
