"""Choose the classifier fallback's threshold on tuning data only.

Codes the ConfliBERT cameo_class train.tsv (the tuning part) and, optionally, the first N stories of the
labelled story file's tune split, once without the classifier and then with it at each threshold, and
prints each report's headline. The test.tsv / held-out quarters are never read here.

    python scripts/tune_classifier.py ../shared [--stories 300] [--thresholds 0.4 0.5 0.6 0.7 0.8]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from eventwire.classify import default_classifier
from eventwire.pentaclass_evaluate import evaluate_pentaclass
from eventwire.pipeline import Pipeline
from eventwire.story_evaluate import evaluate_stories


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("shared", type=Path)
    ap.add_argument("--stories", type=int, default=0, help="also the first N stories of the tune split")
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.4, 0.5, 0.6, 0.7, 0.8])
    args = ap.parse_args()
    train = args.shared / "reference/conflibert/cameo_class/train.tsv"
    stories = args.shared / "reference/ngec/gpt_synthetic_events_2023-10-19_19.csv.zip"
    pipe = Pipeline()
    clf = default_classifier()
    for threshold in [None] + args.thresholds:
        pipe.classifier = None if threshold is None else clf
        pipe.classifier_threshold = threshold
        name = "rules only" if threshold is None else f"threshold {threshold:.2f}"
        m = evaluate_pentaclass(train, pipeline=pipe)["metrics"]
        line = f"{name:16} conflibert train acc {100 * m['accuracy']:.1f}  any event {100 * m['any_event']:.1f}"
        if args.stories:
            r = evaluate_stories(stories, pipeline=pipe, split="tune", limit=args.stories)["metrics"]
            line += (f" | stories tune[:{args.stories}] lead-3 {100 * r['recall_lead']:.1f}"
                     f" story {100 * r['recall_story']:.1f} on-type {100 * r['precision_lead']:.1f}")
        print(line, flush=True)


if __name__ == "__main__":
    main()
