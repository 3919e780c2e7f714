"""Actor resolution: the knowledge base and the rules that link mentions to actors."""
