"""The demo's published credentials and association slugs: plain constants, importable without Django setup
(the CI smoke test signs in with them)."""

# Published on purpose so anyone can sign in to a demo. Never seed a production database (seed_demo refuses
# unless DEBUG=1 or --force). It passes the password validators (checked each time a demo user is created).
DEMO_PASSWORD = "JointDefense-Demo-2025"

# A fixed key keeps seed_demo idempotent and lets the README and CI call the API. Demo only: it is in the
# source code, so it grants nothing anywhere but a demo database. Format: accounts.tokens.API_KEY_PATTERN.
DEMO_API_KEY = "jdp_DEMOsccea000_demo-only-published-key-never-use-in-production"

MAIN = "sccea"
OTHER = "nsaea"
