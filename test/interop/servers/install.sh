#!/usr/bin/env bash
# Installs the real mail servers of the interop suite from Debian's packages: Postfix 3.7 + Dovecot 2.3, and Exim 4.96.
# Postfix and Exim conflict as packages (both are the mail-transport-agent), so Exim is unpacked into its own prefix.
set -euo pipefail
EXIM_PREFIX=/opt/smtp-doctor-exim
export DEBIAN_FRONTEND=noninteractive

if command -v postfix >/dev/null && command -v dovecot >/dev/null && [ -x "$EXIM_PREFIX/usr/sbin/exim4" ]; then
  echo "interop servers already installed"
  exit 0
fi

# Package scripts must not start system services: the tests run private instances on high ports.
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
chmod +x /usr/sbin/policy-rc.d
trap 'rm -f /usr/sbin/policy-rc.d' EXIT

echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
apt-get update -qq
apt-get install -y -qq --no-install-recommends postfix dovecot-core libidn12 libgnutls-dane0 libpcre2-8-0 libdb5.3 libnsl2 >/dev/null

work=$(mktemp -d)
(cd "$work" && apt-get download -qq exim4-daemon-light exim4-base 2>/dev/null)
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$EXIM_PREFIX"; done
rm -rf "$work"
# Debian's exim binary has this user compiled in.
getent group Debian-exim >/dev/null || groupadd --system Debian-exim
getent passwd Debian-exim >/dev/null || useradd --system -g Debian-exim -d /nonexistent -s /usr/sbin/nologin Debian-exim

postconf -d mail_version
dovecot --version
"$EXIM_PREFIX/usr/sbin/exim4" -bV -C /dev/null 2>/dev/null | head -1
