"""Import and export of the published evaluation text (重点目標評価結果・次年度重点目標).

parser.parse(text) → ParsedEvaluation (no database); builder.build(parsed, index) → a draft EvaluationPage;
exporter.export(page) → the same text format back.
"""
