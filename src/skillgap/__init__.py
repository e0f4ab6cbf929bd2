"""skillgap: a skill-gap self-assessment for DevOps and DevSecOps engineers."""

__version__ = "0.1.0"
