#!/usr/bin/env bash
# Installs the real mail servers of the interop suite from Debian's packages: Postfix 3.7 + Dovecot 2.3 (SASL and its
# submission service), Postfix + Cyrus SASL 2.1, Exim 4.96 and OpenSMTPD 7.4.
# Postfix, Exim and OpenSMTPD conflict as packages (each is the mail-transport-agent), so Exim and OpenSMTPD are
# unpacked into prefixes of their own. Bookworm's OpenSMTPD 6.8 cannot complete a TLS handshake with OpenSSL 3: its
# bookworm-backports build (7.4) is fetched through a private apt configuration that leaves the machine's sources alone.
set -euo pipefail
# These paths can be moved for the script's own test (test/interop/install-script.test.ts); nothing else sets them.
EXIM_PREFIX=${SMTP_DOCTOR_EXIM_PREFIX:-/opt/smtp-doctor-exim}
OPENSMTPD_PREFIX=${SMTP_DOCTOR_OPENSMTPD_PREFIX:-/opt/smtp-doctor-opensmtpd}
POLICY_RC_D=${SMTP_DOCTOR_POLICY_RC_D:-/usr/sbin/policy-rc.d}
export DEBIAN_FRONTEND=noninteractive

if command -v postfix >/dev/null && command -v dovecot >/dev/null && [ -x /usr/lib/dovecot/submission-login ] &&
  command -v saslpasswd2 >/dev/null && [ -x "$EXIM_PREFIX/usr/sbin/exim4" ] &&
  [ -x "$OPENSMTPD_PREFIX/usr/sbin/smtpd" ]; then
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
# dovecot-submissiond: Dovecot's submission service; sasl2-bin, libsasl2-modules(-db): Cyrus SASL with sasldb and
# PLAIN LOGIN CRAM-MD5 DIGEST-MD5; libevent-2.1-7 and openssl: what the unpacked OpenSMTPD needs beside libssl3/libdb.
apt-get install -y -qq --no-install-recommends postfix dovecot-core dovecot-submissiond sasl2-bin libsasl2-modules \
  libsasl2-modules-db libidn12 libgnutls-dane0 libpcre2-8-0 libdb5.3 libnsl2 libevent-2.1-7 openssl >/dev/null

work=$(mktemp -d)
(cd "$work" && apt-get download -qq exim4-daemon-light exim4-base 2>/dev/null)
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$EXIM_PREFIX"; done
rm -rf "$work"
# Debian's exim binary has this user compiled in.
getent group Debian-exim >/dev/null || groupadd --system Debian-exim
getent passwd Debian-exim >/dev/null || useradd --system -g Debian-exim -d /nonexistent -s /usr/sbin/nologin Debian-exim

# OpenSMTPD from bookworm-backports: its own lists and cache in a temporary directory, nothing added to the machine's.
backports=$(mktemp -d)
mkdir -p "$backports/lists/partial" "$backports/cache/archives/partial"
# apt downloads as its own user (_apt) where it can.
chmod 755 "$backports"
if getent passwd _apt >/dev/null; then chown _apt "$backports/lists/partial" "$backports/cache/archives/partial"; fi
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm-backports main" \
  >"$backports/sources.list"
apt_backports=(-o "Dir::Etc::SourceList=$backports/sources.list" -o Dir::Etc::SourceParts=- \
  -o "Dir::State::Lists=$backports/lists" -o "Dir::Cache=$backports/cache")
apt-get update -qq "${apt_backports[@]}"
(cd "$backports" && apt-get download -qq "${apt_backports[@]}" opensmtpd/bookworm-backports 2>/dev/null)
for deb in "$backports"/*.deb; do dpkg-deb -x "$deb" "$OPENSMTPD_PREFIX"; done
rm -rf "$backports"
# What opensmtpd's postinst does: its two users, and the empty directory they chroot into.
getent group opensmtpd >/dev/null || groupadd --system opensmtpd
getent passwd opensmtpd >/dev/null || useradd --system -g opensmtpd -d /var/lib/opensmtpd/empty -s /usr/sbin/nologin opensmtpd
getent group opensmtpq >/dev/null || groupadd --system opensmtpq
getent passwd opensmtpq >/dev/null || useradd --system -g opensmtpq -d /var/lib/opensmtpd/empty -s /usr/sbin/nologin opensmtpq
[ -d /var/lib/opensmtpd/empty ] || mkdir -p /var/lib/opensmtpd/empty

postconf -d mail_version
dovecot --version
"$EXIM_PREFIX/usr/sbin/exim4" -bV -C /dev/null 2>/dev/null | head -1
dpkg-query -W dovecot-submissiond sasl2-bin 2>/dev/null || true
"$OPENSMTPD_PREFIX/usr/sbin/smtpd" -h 2>&1 | head -1 || true
