"""The packer's station screen."""
