#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing: Jupyter (nbconvert with an
# IPython kernel client, to execute the example notebooks headless through tslab) and Chromium
# (the browser test of MLflow's UI), openssl (the TLS test makes its own CA) and git (the secrets
# test records a git remote), and what scripts/install-tfjs-node.sh builds tfjs-node with (unzip
# for the TensorFlow wheel, binutils' nm for its symbol check, g++ and make for node-gyp), and PostgreSQL (the production-server tests start their own cluster). Needs
# root (apt-get).
set -euo pipefail
packages=(jupyter-nbconvert python3-nbconvert jupyter-client python3-ipykernel chromium openssl git unzip binutils g++ make postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
