"""Evaluations data set of the second hub (つばさ区, INVENTED): one FY2022 document written for the demo
(samples/tsubasa_2022.txt, marked as invented in its first line), so the city view has two hubs to compare."""

from goals.importer.parser import parse

SAMPLE = "tsubasa_2022.txt"


def documents(read_sample):
    """The hub's evaluation documents, parsed, oldest first (``read_sample`` reads a file of goals/samples)."""
    return [parse(read_sample(SAMPLE))]
