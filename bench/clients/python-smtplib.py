# Bench client: Python smtplib (starttls + login, or SMTP_SSL + login), then quit, as a script would do it.
# argv: host port tls|starttls ca-file; user and password in BENCH_USER / BENCH_PASS.
import os
import smtplib
import ssl
import sys

host, port, mode, ca_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
context = ssl.create_default_context(cafile=ca_file)
if mode == "tls":
    client = smtplib.SMTP_SSL(host, port, context=context)
else:
    client = smtplib.SMTP(host, port)
    client.starttls(context=context)
client.login(os.environ["BENCH_USER"], os.environ["BENCH_PASS"])
client.quit()
