package dev.piecewise.core.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reserves a file's blocks with Linux's {@code fallocate(2)}, as Transmission and aria2 do by default: a download's
 * writes then land in blocks already allocated (the file system does much less per write than for a sparse file,
 * whose blocks it allocates as the data arrives), the space is claimed before the first block (a full disk shows at
 * once, not halfway), and the file is not fragmented.
 *
 * <p>Java reaches {@code fallocate} only through the foreign function API, final in Java 22. The core compiles for
 * Java 21, where that API is a preview, so it is called here through reflection and method handles. Where it is not
 * there (Java 21, another operating system, a file system without {@code fallocate}), nothing is reserved and the
 * caller leaves the file sparse. Every handle is adapted to plain Java types once, when the class loads, so that a call
 * is a few exact invocations (generic invocation would spin new classes at the first call: tens of milliseconds on the
 * path of a download's first block).
 */
final class Fallocate {

    private static final Logger log = LoggerFactory.getLogger(Fallocate.class);

    // Linux x86-64 and aarch64 values
    private static final int O_WRONLY = 1;
    private static final int O_CLOEXEC = 0x80000;
    private static final int ENOSPC = 28;
    private static final int EDQUOT = 122;

    /** The native calls, loaded when first needed, or ahead of time by {@link #prepare()}. */
    private static final class Native {
        static final Optional<Fallocate> CALLS = load();
    }

    private static final AtomicBoolean PREPARING = new AtomicBoolean();

    /** {@code (Object state, Object path, int flags, int mode) int}: open(2), errno captured in {@code state}. */
    private final MethodHandle open;
    /** {@code (Object state, int fd, int mode, long offset, long length) int}: fallocate(2), errno captured. */
    private final MethodHandle fallocate;
    /** {@code (int fd) int}: close(2). */
    private final MethodHandle close;
    /** {@code () AutoCloseable}: a confined arena. */
    private final MethodHandle newArena;
    /** {@code (Object arena, byte[] bytes) Object}: a copy of the bytes in the arena. */
    private final MethodHandle allocateBytes;
    /** {@code (Object arena) Object}: room for the captured call state in the arena. */
    private final MethodHandle allocateState;
    /** {@code (Object state, long offset) int}: the captured errno. */
    private final MethodHandle errno;

    private Fallocate(MethodHandle open, MethodHandle fallocate, MethodHandle close, MethodHandle newArena,
                      MethodHandle allocateBytes, MethodHandle allocateState, MethodHandle errno) {
        this.open = open;
        this.fallocate = fallocate;
        this.close = close;
        this.newArena = newArena;
        this.allocateBytes = allocateBytes;
        this.allocateState = allocateState;
        this.errno = errno;
    }

    /** Whether this runtime can reserve space (Linux, Java 22 or newer, native access allowed). */
    static boolean available() {
        return Native.CALLS.isPresent();
    }

    /**
     * Loads the native calls on a background thread (once per process), so that the first reservation, on the path
     * of a download's first block, does not wait for them: making the downcall handles takes 60-80 ms.
     */
    static void prepare() {
        if (PREPARING.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("fallocate-prepare").start(Fallocate::available);
        }
    }

    /**
     * Reserves the first {@code length} bytes of the file at {@code path}, which becomes at least that long.
     *
     * @return {@code false} when nothing could be reserved here (the file is left as it was)
     * @throws IOException "No space left on device" when the file system is full or the quota exhausted
     */
    static boolean reserve(Path path, long length) throws IOException {
        return Native.CALLS.isPresent() && length > 0 && Native.CALLS.get().call(path, length);
    }

    private boolean call(Path path, long length) throws IOException {
        int failure;
        try (AutoCloseable arena = (AutoCloseable) newArena.invokeExact()) {
            byte[] name = path.toString().getBytes(fileNameCharset());
            Object cName = (Object) allocateBytes.invokeExact((Object) arena, Arrays.copyOf(name, name.length + 1));
            Object state = (Object) allocateState.invokeExact((Object) arena);
            int fd = (int) open.invokeExact(state, cName, O_WRONLY | O_CLOEXEC, 0);
            if (fd < 0) {
                log.debug("cannot open {} to reserve its space: errno {}", path, (int) errno.invokeExact(state, 0L));
                return false;
            }
            try {
                int result = (int) fallocate.invokeExact(state, fd, 0, 0L, length);
                failure = result == 0 ? 0 : (int) errno.invokeExact(state, 0L);
            } finally {
                int ignored = (int) close.invokeExact(fd); // an exact invocation names the result type
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            log.debug("reserving the space of {} failed", path, e);
            return false;
        }
        if (failure == ENOSPC || failure == EDQUOT) {
            throw new IOException("No space left on device (reserving " + length + " bytes)");
        }
        if (failure != 0) {
            log.debug("the file system of {} does not reserve space: errno {}", path, failure);
        }
        return failure == 0;
    }

    /** How the JDK encodes file names, so that the native call opens the very file the JDK does. */
    private static Charset fileNameCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static Optional<Fallocate> load() {
        if (Runtime.version().feature() < 22 || !System.getProperty("os.name", "").startsWith("Linux")) {
            return Optional.empty();
        }
        try {
            Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
            Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
            Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> valueLayoutType = Class.forName("java.lang.foreign.ValueLayout");
            Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> arenaType = Class.forName("java.lang.foreign.Arena");
            Class<?> allocatorType = Class.forName("java.lang.foreign.SegmentAllocator");
            Class<?> pathElementType = Class.forName("java.lang.foreign.MemoryLayout$PathElement");

            Object linker = linkerType.getMethod("nativeLinker").invoke(null);
            Object libc = linkerType.getMethod("defaultLookup").invoke(linker);
            Method find = lookupType.getMethod("find", String.class);
            Object int32 = valueLayoutType.getField("JAVA_INT").get(null);
            Object int64 = valueLayoutType.getField("JAVA_LONG").get(null);
            Object address = valueLayoutType.getField("ADDRESS").get(null);
            Object bytes = valueLayoutType.getField("JAVA_BYTE").get(null);
            Method describe = descriptorType.getMethod("of", layoutType, layoutType.arrayType());
            Method downcall = linkerType.getMethod("downcallHandle", segmentType, descriptorType,
                    optionType.arrayType());
            Object captureErrno = optionType.getMethod("captureCallState", String[].class)
                    .invoke(null, (Object) new String[] {"errno"});
            Object callState = optionType.getMethod("captureStateLayout").invoke(null);
            Object errnoPath = pathElementType.getMethod("groupElement", String.class).invoke(null, "errno");
            VarHandle errno = (VarHandle) layoutType.getMethod("varHandle", pathElementType.arrayType())
                    .invoke(callState, arrayOf(pathElementType, errnoPath));
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();

            Object capture = arrayOf(optionType, captureErrno);
            // open(2) is variadic: its mode argument (unused without O_CREAT) is the first variadic one
            Object openOptions = arrayOf(optionType, captureErrno,
                    optionType.getMethod("firstVariadicArg", int.class).invoke(null, 2));
            MethodHandle open = (MethodHandle) downcall.invoke(linker, symbol(find, libc, "open"),
                    describe.invoke(null, int32, arrayOf(layoutType, address, int32, int32)), openOptions);
            MethodHandle fallocate = (MethodHandle) downcall.invoke(linker, symbol(find, libc, "fallocate"),
                    describe.invoke(null, int32, arrayOf(layoutType, int32, int32, int64, int64)), capture);
            MethodHandle close = (MethodHandle) downcall.invoke(linker, symbol(find, libc, "close"),
                    describe.invoke(null, int32, arrayOf(layoutType, int32)), arrayOf(optionType));
            MethodHandle allocateBytes = MethodHandles.insertArguments(lookup.unreflect(allocatorType.getMethod(
                    "allocateFrom", Class.forName("java.lang.foreign.ValueLayout$OfByte"), byte[].class)), 1, bytes);
            MethodHandle allocateState = MethodHandles.insertArguments(
                    lookup.unreflect(allocatorType.getMethod("allocate", layoutType)), 1, callState);
            return Optional.of(new Fallocate(
                    open.asType(MethodType.methodType(int.class, Object.class, Object.class, int.class, int.class)),
                    fallocate.asType(MethodType.methodType(int.class, Object.class, int.class, int.class, long.class,
                            long.class)),
                    close,
                    lookup.unreflect(arenaType.getMethod("ofConfined")).asType(
                            MethodType.methodType(AutoCloseable.class)),
                    allocateBytes.asType(MethodType.methodType(Object.class, Object.class, byte[].class)),
                    allocateState.asType(MethodType.methodType(Object.class, Object.class)),
                    errno.toMethodHandle(VarHandle.AccessMode.GET).asType(
                            MethodType.methodType(int.class, Object.class, long.class))));
        } catch (InvocationTargetException e) {
            // native access not allowed (--enable-native-access), or the platform's linker is missing
            log.debug("fallocate is not available: {}", e.getCause().toString());
            return Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("fallocate is not available: {}", e.toString());
            return Optional.empty();
        }
    }

    private static Object symbol(Method find, Object lookup, String name) throws ReflectiveOperationException {
        return ((Optional<?>) find.invoke(lookup, name))
                .orElseThrow(() -> new NoSuchMethodException("no " + name + " in the C library"));
    }

    /** An array of a type only known at run time (the varargs of the foreign function API's methods). */
    private static Object arrayOf(Class<?> type, Object... elements) {
        Object array = Array.newInstance(type, elements.length);
        for (int i = 0; i < elements.length; i++) {
            Array.set(array, i, elements[i]);
        }
        return array;
    }
}
