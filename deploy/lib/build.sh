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

# build_if_needed JAR...: runs `mvn -B -q -DskipTests install` at the root when build_stale says so;
# with SKIFF_BUILD=never it only checks that the jars exist (the test suite runs ./skiff on what it built).
build_if_needed() {
  if [[ ${SKIFF_BUILD:-auto} == never ]]; then
    local jar
    for jar in "$@"; do
      [[ -f $jar ]] || die "$jar is missing and SKIFF_BUILD=never: build Skiff with mvn -DskipTests install"
    done
    return 0
  fi
  build_stale "$@" || return 0
  require_cmd mvn "install Maven (apt-get install -y maven)"
  require_java
  say "Building Skiff (mvn -B -q -DskipTests install) ..."
  (cd "$SKIFF_ROOT" && mvn -B -q -DskipTests install) ||
    die "build failed: fix the errors above, then run ./skiff up again"
}
