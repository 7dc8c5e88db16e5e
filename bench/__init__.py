"""Load benchmark: a loopback-only websocket client for the Streamlit server and a runner around it."""
