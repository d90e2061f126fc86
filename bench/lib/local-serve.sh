# shellcheck shell=bash
# Sourced by the scripts that need a running `photo local serve` and a remote-style profile pointed at it
# (bench/list-start.sh, bench/load.sh, packaging/build-packages.sh's training run):
#   serve_isolate DIR             everything photo keeps goes under DIR; nothing of the user's is read or written
#   serve_start PHOTO API_PORT    starts PHOTO's local stack on API_PORT (Cognito and S3 on the next two), waits
#                                 until it serves; sets serve_pid (serve_stop ends it)
#   serve_profile PHOTO NAME      a profile NAME with the served API by its URL, logged in as the stack's admin
#   serve_stop                    ends the server started by serve_start, if any
serve_pid=
serve_dir=
serve_api_port=

serve_isolate() {
  serve_dir=$1
  export PHOTO_HOME="$serve_dir/server" PHOTO_CONFIG_DIR="$serve_dir/config" PHOTO_STATE_DIR="$serve_dir/state"
  export XDG_CONFIG_HOME="$serve_dir/xdg-config" XDG_STATE_HOME="$serve_dir/xdg-state" XDG_DATA_HOME="$serve_dir/xdg-data"
  unset PHOTO_PROFILE PHOTO_PASSWORD
}

serve_start() {
  local photo=$1
  serve_api_port=$2
  "$photo" local serve --api-port "$serve_api_port" --cognito-port $((serve_api_port + 1)) \
    --s3-port $((serve_api_port + 2)) > "$serve_dir/serve.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 1 600); do
    grep -q "Press Ctrl-C" "$serve_dir/serve.log" 2>/dev/null && return 0
    kill -0 "$serve_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "local serve did not start:" >&2
  cat "$serve_dir/serve.log" >&2
  return 1
}

serve_profile() {
  local photo=$1 name=$2 password
  "$photo" configure --api-url "http://127.0.0.1:$serve_api_port" --profile "$name" > /dev/null
  password=$(sed -n 's/.*"password" *: *"\([^"]*\)".*/\1/p' "$PHOTO_HOME/admin-credentials.json")
  printf '%s\n' "$password" | "$photo" login --profile "$name" --username admin --password-stdin > /dev/null
}

serve_stop() {
  if [ -n "$serve_pid" ]; then
    kill "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
    serve_pid=
  fi
}
