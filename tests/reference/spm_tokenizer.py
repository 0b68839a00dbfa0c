#!/usr/bin/python3
"""Reference sentencepiece tokenization through Debian's python3-sentencepiece.

    spm_tokenizer.py encode MODEL [CONTEXT]   stdin: JSON list of texts
        stdout: JSON list of id lists: bos, the pieces of the text with white space
        folded (runs of Unicode white space to one space, none at the ends), eos; cut to
        CONTEXT (default 77) keeping eos last.
    spm_tokenizer.py train-without-bos PREFIX   stdin: JSON list of sentences
        trains a model that has no bos piece (bos_id = -1).
"""
import json
import sys

import regex
import sentencepiece as spm


def encode(model_path, context):
    processor = spm.SentencePieceProcessor(model_file=model_path)
    texts = json.loads(sys.stdin.buffer.read().decode('utf-8'))
    result = []
    for text in texts:
        text = regex.sub(r'\s+', ' ', text).strip()
        ids = [processor.bos_id()] + processor.encode(text) + [processor.eos_id()]
        if len(ids) > context:
            ids = ids[:context]
            ids[-1] = processor.eos_id()
        result.append(ids)
    json.dump(result, sys.stdout)


def train_without_bos(prefix):
    sentences = json.loads(sys.stdin.buffer.read().decode('utf-8'))
    spm.SentencePieceTrainer.train(sentence_iterator=iter(sentences), model_prefix=prefix,
                                   vocab_size=60, bos_id=-1, hard_vocab_limit=False,
                                   minloglevel=2)


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == 'encode':
        encode(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 77)
    elif len(sys.argv) == 3 and sys.argv[1] == 'train-without-bos':
        train_without_bos(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
