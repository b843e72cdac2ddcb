"""The desktop app: Qt widgets and item models over the services. The only layer that imports Qt."""
