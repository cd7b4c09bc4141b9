#!/usr/bin/env bash
# Installs the real mail servers of the interop suite from Debian's packages: Postfix 3.7 + Dovecot 2.3, and Exim 4.96.
# Postfix and Exim conflict as packages (both are the mail-transport-agent), so Exim is unpacked into its own prefix.
set -euo pipefail
# Both paths can be moved for the script's own test (test/interop/install-script.test.ts); nothing else sets them.
EXIM_PREFIX=${SMTP_DOCTOR_EXIM_PREFIX:-/opt/smtp-doctor-exim}
POLICY_RC_D=${SMTP_DOCTOR_POLICY_RC_D:-/usr/sbin/policy-rc.d}
export DEBIAN_FRONTEND=noninteractive

if command -v postfix >/dev/null && command -v dovecot >/dev/null && [ -x "$EXIM_PREFIX/usr/sbin/exim4" ]; then
  echo "interop servers already installed"
  exit 0
fi

# Package scripts must not start system services: the tests run private instances on high ports. A policy the
# machine already has (a container's own, say) is put back afterwards, exactly as it was; none is left behind.
policy_backup=""
if [ -e "$POLICY_RC_D" ] || [ -L "$POLICY_RC_D" ]; then
  policy_backup=$(mktemp -d)
  cp -a "$POLICY_RC_D" "$policy_backup/policy-rc.d"
fi
restore_policy() {
  if [ -n "$policy_backup" ]; then
    rm -f "$POLICY_RC_D"
    mv -f "$policy_backup/policy-rc.d" "$POLICY_RC_D"
    rmdir "$policy_backup"
  else
    rm -f "$POLICY_RC_D"
  fi
}
trap restore_policy EXIT
trap 'exit 1' INT TERM HUP
rm -f "$POLICY_RC_D"
printf '#!/bin/sh\nexit 101\n' > "$POLICY_RC_D"
chmod +x "$POLICY_RC_D"

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
