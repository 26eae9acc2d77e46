# Debian packages the test peers need, as package:command-that-proves-it-is-installed.
TENURE_TEST_DEBIAN_PACKAGES=(
  samba:samba-tool      # Active Directory: a real Samba AD domain controller
  samba-ad-dc:/usr/share/doc/samba-ad-dc
  samba-ad-provision:/usr/share/samba/setup   # the AD schema samba-tool provisions from (a Recommends, so named here)
  slapd:slapd           # generic LDAP: OpenLDAP
  ldap-utils:ldapsearch
  chromium:chromium     # browser tests (driven by playwright-core, no browser download)
  postgresql:/usr/lib/postgresql   # the scale-path tests: a throwaway cluster per test (initdb + pg_ctl, test/peers/postgres.ts)
)
