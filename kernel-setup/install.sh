#!/usr/bin/env bash
# Sets up everything the notebooks need, idempotently (re-run it after changing the toolkit):
#   1. Debian packages where missing: Jupyter (nbconvert, client), tcmalloc, fonts for charts, and a
#      JDK 17 and Maven if there are none;
#   2. rapaio-jupyter-kernel from Maven Central, pinned and checksum-verified;
#   3. the toolkit jar and its runtime dependencies, into build/kernel/lib;
#   4. a kernelspec "java" in build/jupyter (a JUPYTER_PATH entry) whose class path holds them all,
#      so notebooks need no magics, started through kernel-supervisor.py (which restarts a JVM that
#      hangs at start-up). --user / --system also install it into your own Jupyter;
#      --notebook also installs Debian's Jupyter Notebook to open the notebooks in a browser;
#      --torch also installs Debian's PyTorch and NumPy (the collapse report's test fixtures, notebook 09's checkpoint).
set -euo pipefail

RJK_VERSION=3.0.1
# sha256 of io.github.padreati:rapaio-jupyter-kernel:3.0.1 as published on Maven Central
RJK_SHA256=cffac185dafff9a4d62ffdbeb357822b56931c41421c576314a84d3605addd09

usage() {
  cat <<EOF
usage: kernel-setup/install.sh [--user | --system] [--notebook] [--torch] [--no-apt] [--offline] [--spark]

  --user     also install the kernelspec "java" for your own Jupyter (jupyter kernelspec install --user)
  --system   also install it system-wide (needs root)
  --notebook also install Debian's Jupyter Notebook (package jupyter-notebook) to use the notebooks interactively
  --torch    also install Debian's PyTorch and NumPy (python3-torch, python3-numpy) for /usr/bin/python3: the test
             command writes the collapse report's fixtures with them, notebook 09 a PyTorch checkpoint
  --no-apt   do not install Debian packages (conda or other systems: bring Jupyter, a JDK 17 and Maven yourself)
  --offline  run Maven offline (-o), from what ~/.m2 already holds
  --spark    also put Apache Spark on the kernel's class path (build/kernel/spark), for COLLAPSELAB_SPARK

Environment: JUPYTER (jupyter command; default /usr/bin/jupyter, else the one on PATH),
             PYTHON (runs the kernel supervisor; needs jupyter_client and pyzmq; default: Debian's
             /usr/bin/python3, with --no-apt the python3 on PATH),
             KERNEL_OMP_THREADS (OMP_NUM_THREADS of the kernel; default: number of cores).
EOF
}

scope="" apt=1 notebook=0 torch=0 spark=0 mvn_flags=(-B -q -Dstyle.color=never)
for arg in "$@"; do
  case "$arg" in
    --user | --system) scope="${arg#--}" ;;
    --no-apt) apt=0 ;;
    --notebook) notebook=1 ;;
    --torch) torch=1 ;;
    --offline) mvn_flags+=(-o) ;;
    --spark) spark=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; echo "install.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KERNEL_DIR="$REPO/build/kernel"          # kernel jar, lib/ (toolkit + dependencies), classpath
SPEC_ROOT="$REPO/build/jupyter"          # goes on JUPYTER_PATH; the spec is kernels/java under it
SPEC_DIR="$SPEC_ROOT/kernels/java"
KERNEL_JAR="$KERNEL_DIR/rapaio-jupyter-kernel-$RJK_VERSION.jar"

. "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"
step() { printf '\n== %s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
t0=$SECONDS

# rapaio splits RJK_CLASSPATH on ';' and IJava/JJava split on ':'
case "$REPO" in *[\;:]*) die "the repository path '$REPO' contains ';' or ':', which class path lists cannot hold; move it" ;; esac

step "system packages"
missing=()
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
if [ "$apt" = 1 ]; then
  command -v dpkg-query >/dev/null || die "not a Debian-like system: re-run with --no-apt and bring Jupyter, a JDK 17 and Maven yourself (see kernel-setup/README.md)"
  packages=(jupyter-nbconvert jupyter-client python3-zmq libtcmalloc-minimal4 fontconfig fonts-dejavu-core)
  if [ "$notebook" = 1 ]; then packages+=(jupyter-notebook); fi
  if [ "$torch" = 1 ]; then packages+=(python3-torch python3-numpy); fi
  for p in "${packages[@]}"; do
    installed "$p" || missing+=("$p")
  done
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || missing+=(maven)
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || command -v sudo >/dev/null || die "need root to install: ${missing[*]} (or re-run with --no-apt)"
    apt_install install.sh "${missing[@]}"
  else
    echo "all present"
  fi
fi

# Debian's jupyter when its packages are used (a jupyter earlier on PATH may be another Python's),
# else the one on PATH (conda)
JUPYTER="${JUPYTER:-}"
if [ -z "$JUPYTER" ]; then
  if [ "$apt" = 1 ] && [ -x /usr/bin/jupyter ]; then JUPYTER=/usr/bin/jupyter; else JUPYTER="$(command -v jupyter || true)"; fi
fi
[ -n "$JUPYTER" ] || die "no jupyter found: install Jupyter (Debian: apt-get install jupyter-nbconvert jupyter-client; conda: environment.yml)"
if [ "$notebook" = 1 ] && [ "$apt" = 0 ]; then
  "$JUPYTER" notebook --version >/dev/null 2>&1 \
    || die "--notebook with --no-apt: $JUPYTER has no 'notebook' command; install Jupyter Notebook or JupyterLab yourself (conda: environment.yml)"
fi
# the kernel supervisor's Python: Debian's when its packages are used, else the one on PATH (conda)
PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  if [ "$apt" = 1 ] && [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; else PYTHON="$(command -v python3 || true)"; fi
fi
[ -n "$PYTHON" ] && "$PYTHON" -c 'import zmq, jupyter_client' 2>/dev/null \
  || die "${PYTHON:-python3} cannot import zmq and jupyter_client, which the kernel supervisor needs (Debian: python3-zmq jupyter-client; conda: pyzmq jupyter_client; or set PYTHON)"
command -v mvn >/dev/null || die "no mvn on PATH: install Maven 3.8+"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java || true)"; fi
[ -n "$JAVA" ] || die "no java on PATH and no JAVA_HOME: install a JDK 17+"
JAVA="$(readlink -f "$JAVA")"
java_major="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[ "${java_major%%.*}" -ge 17 ] 2>/dev/null || die "$JAVA is Java '$java_major'; the toolkit and kernel need 17 or newer (set JAVA_HOME)"
echo "java $java_major: $JAVA"
echo "jupyter: $JUPYTER"
echo "python (kernel supervisor): $PYTHON"

step "rapaio-jupyter-kernel $RJK_VERSION"
mkdir -p "$KERNEL_DIR"
sha() { sha256sum "$1" | cut -d' ' -f1; }
# Maven in the repository root; Debian's Maven 3.8 prints colour resets even with -q and -B
mvn_q() { (cd "$REPO" && mvn "${mvn_flags[@]}" "$@") 2>&1 | sed -u 's/\x1b\[0m//g'; }
if [ -f "$KERNEL_JAR" ] && [ "$(sha "$KERNEL_JAR")" = "$RJK_SHA256" ]; then
  echo "present: $KERNEL_JAR"
else
  mvn_q -N dependency:copy \
      -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$RJK_VERSION" \
      -DoutputDirectory="$KERNEL_DIR" -Dmdep.overWriteReleases=true
  actual="$(sha "$KERNEL_JAR")"
  if [ "$actual" != "$RJK_SHA256" ]; then
    rm -f "$KERNEL_JAR"
    die "checksum mismatch for $KERNEL_JAR: expected sha256 $RJK_SHA256, got $actual (removed; check ~/.m2 and your Maven mirror)"
  fi
  echo "verified: $KERNEL_JAR"
fi

step "toolkit jar and its runtime dependencies"
mvn_q -DskipTests package
toolkit_jars=()
for j in "$REPO"/toolkit/target/collapselab-toolkit-*.jar; do
  case "$j" in *-sources.jar | *-javadoc.jar | *-tests.jar) continue ;; esac
  if [ -f "$j" ]; then toolkit_jars+=("$j"); fi
done
[ ${#toolkit_jars[@]} = 1 ] \
  || die "expected one toolkit jar in $REPO/toolkit/target, found ${#toolkit_jars[@]}: ${toolkit_jars[*]:-none} (run 'mvn clean' and retry)"
# a fresh folder each time, so jars of dependencies that were dropped or upgraded do not linger
rm -rf "${KERNEL_DIR:?}/lib"
mvn_q -pl toolkit dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$KERNEL_DIR/lib"
# a copy, so that 'mvn clean' does not pull the toolkit from under a running notebook
cp "${toolkit_jars[0]}" "$KERNEL_DIR/lib/"
jars=("$KERNEL_DIR"/lib/*.jar)
echo "${#jars[@]} jars in $KERNEL_DIR/lib"
# --- --spark (owned by the cluster runner): Spark is provided scope, so lib/ above never holds it; this adds it.
SPARK_ARGS=""
rm -rf "${KERNEL_DIR:?}/spark"
if [ "$spark" = 1 ]; then
  mvn_q -pl toolkit dependency:copy-dependencies -DincludeScope=provided -DoutputDirectory="$KERNEL_DIR/spark"
  spark_jars=("$KERNEL_DIR"/spark/*.jar)
  echo "${#spark_jars[@]} Spark jars in $KERNEL_DIR/spark ($(du -sm "$KERNEL_DIR/spark" | cut -f1) MB)"
  jars+=("${spark_jars[@]}")
  SPARK_ARGS="@$REPO/kernel-setup/spark-driver.jvmargs"   # Java 17 flags a Spark driver needs
fi
# --- end --spark
(IFS=:; echo "${jars[*]}") > "$KERNEL_DIR/classpath"

step "kernelspec 'java'"
# ldconfig lives in /sbin, which is not on a Debian user's PATH
# awk reads to the end: an early exit would kill ldconfig with SIGPIPE, which pipefail turns into a failure
tcmalloc="$("$(command -v ldconfig || echo /sbin/ldconfig)" -p 2>/dev/null | awk '/libtcmalloc_minimal\.so\.4 / && !found {found=$NF} END {print found}')"
if [ -z "$tcmalloc" ] && [ -n "${CONDA_PREFIX:-}" ] && [ -f "$CONDA_PREFIX/lib/libtcmalloc_minimal.so.4" ]; then
  tcmalloc="$CONDA_PREFIX/lib/libtcmalloc_minimal.so.4"
fi
[ -n "$tcmalloc" ] || echo "warning: libtcmalloc_minimal.so.4 not found; ND4J will run, with slower native allocation"
mkdir -p "$SPEC_DIR"
# env holds no COLLAPSELAB_* key: a key here overrides the caller's environment, and the run profile must pass through
SPEC_DIR="$SPEC_DIR" JAVA="$JAVA" KERNEL_JAR="$KERNEL_JAR" TCMALLOC="$tcmalloc" \
PYTHON="$PYTHON" SUPERVISOR="$REPO/kernel-setup/kernel-supervisor.py" \
OMP="${KERNEL_OMP_THREADS:-$(nproc)}" SPARK_ARGS="$SPARK_ARGS" CLASSPATH_FILE="$KERNEL_DIR/classpath" \
"$(command -v /usr/bin/python3 || command -v python3)" - <<'PY'
import json, os
e = os.environ
env = {
    # rapaio's class path list is ';'-separated
    "RJK_CLASSPATH": open(e["CLASSPATH_FILE"]).read().strip().replace(":", ";"),
    "OMP_NUM_THREADS": e["OMP"],
}
if e["TCMALLOC"]:
    env["LD_PRELOAD"] = e["TCMALLOC"]
spec = {
    # the supervisor starts the JVM, restarts it while it does not answer (rapaio's start-up races),
    # then relays Jupyter's messages to it; see kernel-setup/README.md
    # ND4J M2.1 logs harmless warnings while building graphs (duplicate TF op mappings, op properties): errors only
    "argv": [e["PYTHON"], e["SUPERVISOR"], "{connection_file}", "--", e["JAVA"], "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
             "-Dorg.slf4j.simpleLogger.log.org.nd4j=error",
             "-jar", e["KERNEL_JAR"]],  # the supervisor appends the kernel's connection file
    "display_name": "Java (Collapse Lab)",
    "language": "java",
    "interrupt_mode": "message",
    "env": env,
}
if e["SPARK_ARGS"]:
    # JVM flags go right after the java executable, which follows the supervisor's "--"
    java_at = spec["argv"].index("--") + 1
    spec["argv"][java_at + 1:java_at + 1] = [e["SPARK_ARGS"]]
with open(os.path.join(e["SPEC_DIR"], "kernel.json"), "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
PY
echo "wrote $SPEC_DIR/kernel.json (OMP_NUM_THREADS=${KERNEL_OMP_THREADS:-$(nproc)}${tcmalloc:+, LD_PRELOAD=$tcmalloc})"
# the listing is read whole before it is searched, and shown when the check fails (once it failed in CI, unexplained)
specs="$(JUPYTER_PATH="$SPEC_ROOT" "$JUPYTER" kernelspec list 2>&1)" \
  || die "Jupyter ($JUPYTER) failed to list kernelspecs under JUPYTER_PATH=$SPEC_ROOT: $specs"
grep -q "^ *java  *$SPEC_DIR\$" <<<"$specs" \
  || die "Jupyter ($JUPYTER) does not see the kernelspec under JUPYTER_PATH=$SPEC_ROOT; it lists: $specs"

case "$scope" in
  user) "$JUPYTER" kernelspec install --user --name java "$SPEC_DIR" ;;
  system) "$JUPYTER" kernelspec install --name java "$SPEC_DIR" ;;
esac

echo
echo "Done in $((SECONDS - t0)) s."
echo "  check the setup:           /usr/bin/python3 kernel-setup/run-notebooks.py notebooks/kernel-check.ipynb"
echo "  run notebooks headlessly:  /usr/bin/python3 kernel-setup/run-notebooks.py notebooks/*.ipynb"
if "$JUPYTER" notebook --version >/dev/null 2>&1; then
  echo "  open them in a browser:    JUPYTER_PATH=$SPEC_ROOT $JUPYTER notebook --ip=127.0.0.1 $REPO/notebooks"
else
  echo "  open them in a browser:    re-run with --notebook first (installs Debian's jupyter-notebook)"
fi
