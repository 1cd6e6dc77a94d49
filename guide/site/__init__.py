"""Layer 3: the build, the only code importing MkDocs, Material or static-i18n."""
