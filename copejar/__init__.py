"""The Jar O' Copes site: settings, root URLs and site-wide apps."""
