# shellcheck shell=bash
# Building the Maven reactor when its output is missing or older than its sources.

# build_stale JAR...: true when a JAR is missing or older than any pom.xml or file under a src/.
build_stale() {
  local jar
  for jar in "$@"; do
    [[ -f $jar ]] || return 0
    if [[ -n $(find "$SKIFF_ROOT" \( -name .git -o -name target -o -path "$SKIFF_HOME" \) -prune -o \
      -type f \( -name pom.xml -o -path '*/src/*' \) -newer "$jar" -print -quit) ]]; then
      return 0
    fi
  done
  return 1
}

# build_reactor RERUN: runs `mvn -B -q -DskipTests package` at the root (package, not install: what
# Skiff runs is in each module's target/, and ~/.m2 stays as it is); on failure it stops, saying to
# run RERUN again once the errors are fixed.
build_reactor() {
  require_cmd mvn "install Maven (apt-get install -y maven)"
  require_java
  say "Building Skiff (mvn -B -q -DskipTests package) ..."
  (cd "$SKIFF_ROOT" && mvn -B -q -DskipTests package) ||
    die "build failed: fix the errors above, then run $1 again"
}

# build_if_needed JAR...: builds the reactor when build_stale says so; with SKIFF_BUILD=never it
# only checks that the jars exist (the test suite runs ./skiff on what it built).
build_if_needed() {
  if [[ ${SKIFF_BUILD:-auto} == never ]]; then
    local jar
    for jar in "$@"; do
      [[ -f $jar ]] || die "$jar is missing and SKIFF_BUILD=never: build Skiff with mvn -DskipTests package"
    done
    return 0
  fi
  build_stale "$@" || return 0
  build_reactor "./skiff up"
}
