#!/usr/bin/env bash
# Makes @tensorflow/tfjs-node work without its install script, which downloads libtensorflow
# and a prebuilt addon from storage.googleapis.com (package.json `allowScripts` denies it).
# Instead: libtensorflow comes from PyPI's tensorflow-cpu wheel (its libtensorflow_cc.so.2 and
# libtensorflow_framework.so.2 export the C and eager C API the binding calls; the C API is
# stable since the 2.9.1 tfjs-node 4.22 was built for), and the addon is built from the
# package's own sources with node-gyp against the local Node headers.
# The result (libraries, headers, addon) is cached once per machine in
#   ${XDG_CACHE_HOME:-$HOME/.cache}/mlflow-autolog/tfjs-node-<tfjs-node version>-<tf version>/
# and each run restores it into node_modules/@tensorflow/tfjs-node (hard links when possible).
# Idempotent: does nothing when the package already loads from a matching layout.
# Usage: scripts/install-tfjs-node.sh   (TFJS_NODE_TF_VERSION overrides the TensorFlow version)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
# NB: resolved through node, so a symlinked node_modules (git worktrees) is followed.
pkg="$(cd "$root" && node -p "require('path').dirname(require.resolve('@tensorflow/tfjs-node/package.json'))")"
tfjs_node_version="$(node -p "require('$pkg/package.json').version")"
tf_version="${TFJS_NODE_TF_VERSION:-2.21.0}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/mlflow-autolog/tfjs-node-$tfjs_node_version-$tf_version"
# Where the package looks for its addon (node-pre-gyp's rule: lib/napi-v<highest supported>/).
addon="$(cd "$root" && node -p "require('@mapbox/node-pre-gyp').find('$pkg/package.json')")"
stamp="$pkg/deps/.mlflow-autolog-tf-version"

log() { echo "install-tfjs-node: $*" >&2; }

# The TF_*/TFE_* symbols file $2 leaves undefined minus what the libraries in folder $1 export.
missing_symbols() {
  local lib="$1" file="$2"
  comm -23 \
    <(nm -D --undefined-only "$file" | awk '{print $NF}' | sed 's/@.*//' | grep -E '^TFE?_' | sort -u) \
    <(nm -D --defined-only "$lib/libtensorflow_cc.so.2" "$lib/libtensorflow_framework.so.2" \
        | awk '{print $NF}' | sed 's/@.*//' | grep -E '^TFE?_' | sort -u)
}

# Loads the package and trains one step: the proof that library and addon work together.
smoke_test() {
  (cd "$root" && node -e "
    const tf = require('@tensorflow/tfjs-node');
    if (tf.getBackend() !== 'tensorflow') throw new Error('backend is ' + tf.getBackend());
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    model.fit(tf.tensor2d([[1], [2]]), tf.tensor2d([[2], [4]]), { epochs: 1, verbose: 0 })
      .then((h) => console.error('install-tfjs-node: tfjs-node ' + tf.version['tfjs-node'] + ' on TensorFlow ' + tf.backend().binding.TF_Version + ', one epoch, loss ' + h.history.loss[0].toFixed(4)));
  ")
}

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$tf_version" ] && [ -f "$addon" ] && smoke_test 2>/dev/null; then
  exit 0
fi

# Puts the cached libraries and headers where binding.gyp and the addon's rpath
# ($ORIGIN/../../deps/lib) expect them. The addon records the library's soname
# (libtensorflow_cc.so.2); libtensorflow.so{,.2} are the names `-ltensorflow` links against.
lay_out_deps() {
  rm -rf "$pkg/deps"
  mkdir -p "$pkg/deps/lib"
  local f
  for f in libtensorflow_cc.so.2 libtensorflow_framework.so.2; do
    cp -l "$cache/lib/$f" "$pkg/deps/lib/$f" 2>/dev/null || cp "$cache/lib/$f" "$pkg/deps/lib/$f"
  done
  ln -s libtensorflow_cc.so.2 "$pkg/deps/lib/libtensorflow.so.2"
  ln -s libtensorflow.so.2 "$pkg/deps/lib/libtensorflow.so"
  ln -s libtensorflow_framework.so.2 "$pkg/deps/lib/libtensorflow_framework.so"
  cp -r "$cache/include" "$pkg/deps/include"
}

if [ ! -f "$cache/complete" ]; then
  log "building the cache $cache (once per machine)"
  mkdir -p "$(dirname "$cache")"
  rm -rf "$cache"
  work="$(mktemp -d "$cache.tmp.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$work/wheel" "tensorflow-cpu==$tf_version" >&2
  wheel="$(ls "$work"/wheel/tensorflow_cpu-*.whl)"
  # The C API headers and the few they include beyond tensorflow/c (tstring, tsl status).
  (cd "$work" && unzip -q "$wheel" \
    'tensorflow/libtensorflow_cc.so.2' 'tensorflow/libtensorflow_framework.so.2' \
    'tensorflow/include/tensorflow/c/*' 'tensorflow/include/tensorflow/core/platform/ctstring*' \
    'tensorflow/include/tsl/platform/ctstring*' 'tensorflow/include/xla/tsl/c/*')
  rm -rf "$work/wheel"
  mkdir -p "$work/lib"
  mv "$work/tensorflow/libtensorflow_cc.so.2" "$work/tensorflow/libtensorflow_framework.so.2" "$work/lib/"
  mv "$work/tensorflow/include" "$work/include"
  rm -rf "$work/tensorflow"

  # Before building: every TF_*/TFE_* function the binding's sources call must be exported.
  # (TF_TString_* are inline in the headers; TF_AutoStatus, TF_AutoTensor, TFE_AutoOp are the
  # binding's own classes.)
  missing="$(comm -23 \
    <(grep -ohE '\bTFE?_[A-Za-z0-9_]+\s*\(' "$pkg"/binding/*.cc "$pkg"/binding/*.h | sed 's/\s*($//' \
        | grep -vE '^(TF_TString_|TF_AutoStatus$|TF_AutoTensor$|TFE_AutoOp$)' | sort -u) \
    <(nm -D --defined-only "$work/lib/libtensorflow_cc.so.2" "$work/lib/libtensorflow_framework.so.2" \
        | awk '{print $NF}' | sed 's/@.*//' | grep -E '^TFE?_' | sort -u))"
  if [ -n "$missing" ]; then
    log "tensorflow-cpu $tf_version does not export what the binding calls:"
    echo "$missing" >&2
    exit 1
  fi

  # The addon, built in the package against these libraries and the local Node headers
  # (--nodedir: node-gyp would otherwise download them).
  nodedir="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  [ -f "$nodedir/include/node/node_api.h" ] || nodedir=/usr
  gyp="$(npm prefix -g)/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
  napi="$(basename "$(dirname "$addon")")"
  cache_tmp="$cache"; cache="$work"; lay_out_deps; cache="$cache_tmp"
  log "node-gyp rebuild ($(node "$gyp" --version), headers from $nodedir, $napi)"
  (cd "$pkg" && node "$gyp" rebuild --nodedir="$nodedir" \
    --module_name=tfjs_binding --module_path="$pkg/build/addon" \
    --napi_build_version="${napi#napi-v}" >"$work/node-gyp.log" 2>&1) || { tail -40 "$work/node-gyp.log" >&2; exit 1; }
  mkdir -p "$work/addon"
  cp "$pkg/build/Release/tfjs_binding.node" "$work/addon/tfjs_binding.node"
  rm -rf "$pkg/build"

  # After building: the addon's undefined TF_*/TFE_* symbols, all resolved by the libraries.
  missing="$(missing_symbols "$work/lib" "$work/addon/tfjs_binding.node")"
  if [ -n "$missing" ]; then
    log "the built addon needs symbols tensorflow-cpu $tf_version does not export:"
    echo "$missing" >&2
    exit 1
  fi
  log "the addon's $(nm -D --undefined-only "$work/addon/tfjs_binding.node" | grep -cE ' TFE?_') TF_*/TFE_* symbols are all exported by tensorflow-cpu $tf_version"
  touch "$work/complete"
  trap - EXIT
  mv "$work" "$cache"
fi

log "restoring from $cache"
lay_out_deps
mkdir -p "$(dirname "$addon")"
cp "$cache/addon/tfjs_binding.node" "$addon"
echo "$tf_version" >"$stamp"
smoke_test
