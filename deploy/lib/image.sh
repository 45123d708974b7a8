# shellcheck shell=bash
# The local image for trying things, made without a registry: Debian's static busybox (a shell and
# the usual tools) with an HTTP server as its default command, serving a page that names the pod.

DEMO_IMAGE=skiff.local/demo:1
DEMO_PORT=8080
# changed with what the image holds, so that an older build is replaced
DEMO_RECIPE=demo-2

# demo_image_ensure: imports the image into the local Docker engine unless this recipe of it is there.
demo_image_ensure() {
  [[ $(docker image inspect --format '{{ index .Config.Labels "dev.skiff.recipe" }}' "$DEMO_IMAGE" 2>/dev/null) == "$DEMO_RECIPE" ]] && return
  ensure_packages busybox-static
  local dir applet
  dir=$(mktemp -d)
  mkdir -p "$dir/bin" "$dir/www" "$dir/tmp"
  cp /bin/busybox "$dir/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [[ $applet == busybox ]] || ln -s busybox "$dir/bin/$applet"
  done
  say "Making the image $DEMO_IMAGE (busybox with an HTTP server on port $DEMO_PORT) ..."
  # The page names the pod (its hostname), so a Service's answers show which pod served them. The
  # shell stays PID 1 and exits on SIGTERM: httpd as PID 1 would ignore it, and every pod would
  # take its whole grace period to stop.
  tar -C "$dir" -c . | docker import \
    -c "CMD [\"/bin/sh\", \"-c\", \"echo \\\"hello from \$(hostname)\\\" > /www/index.html; trap 'exit 0' TERM; httpd -f -p $DEMO_PORT -h /www & wait\"]" \
    -c "EXPOSE $DEMO_PORT" -c "ENV PATH=/bin" -c "LABEL dev.skiff.recipe=$DEMO_RECIPE" - "$DEMO_IMAGE" >/dev/null ||
    die "making the image $DEMO_IMAGE failed (docker import)"
  rm -rf "$dir"
}
