# Debian packages the test peers need, as package:command-that-proves-it-is-installed.
TENURE_TEST_DEBIAN_PACKAGES=(
)
