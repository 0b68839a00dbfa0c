#!/usr/bin/python3
"""Reference CLIP tokenizer, written from the published algorithm of OpenAI's
simple_tokenizer.py (github.com/openai/CLIP), independently of the C++ code.

    clip_tokenizer.py encode MERGES_GZ [CONTEXT]   stdin: JSON list of texts
        stdout: JSON list of id lists, <|startoftext|> ... <|endoftext|>, cut to CONTEXT
        (default 77; 0 = no cut) keeping <|endoftext|> last.
    clip_tokenizer.py hf-files MERGES_GZ OUTDIR
        writes OUTDIR/vocab.json and OUTDIR/merges.txt laid out as Hugging Face's CLIP
        tokenizer files are.

ftfy is not installed here, so fix_text below is the subset the C++ side documents
(core/clip/text_clean.h), written from ftfy's published fixers and tables.
"""
import gzip
import html
import json
import sys
import unicodedata

import regex

PATTERN = regex.compile(
    r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""",
    regex.IGNORECASE)

LIGATURES = {
    'Ĳ': 'IJ', 'ĳ': 'ij', 'ŉ': 'ʼn', 'Ǳ': 'DZ', 'ǲ': 'Dz', 'ǳ': 'dz', 'Ǆ': 'DŽ', 'ǅ': 'Dž',
    'ǆ': 'dž', 'Ǉ': 'LJ', 'ǈ': 'Lj', 'ǉ': 'lj', 'Ǌ': 'NJ', 'ǋ': 'Nj', 'ǌ': 'nj',
    'ﬀ': 'ff', 'ﬁ': 'fi', 'ﬂ': 'fl', 'ﬃ': 'ffi', 'ﬄ': 'ffl', 'ﬅ': 'ſt', 'ﬆ': 'st',
}
WIDTH = {0x3000: ' '}
for _c in range(0xFF01, 0xFFF0):
    _n = unicodedata.normalize('NFKC', chr(_c))
    if _n != chr(_c):
        WIDTH[_c] = _n
CONTROL = {c: None for r in (range(0x00, 0x09), [0x0B], range(0x0E, 0x20), [0x7F],
                             range(0x206A, 0x2070), [0xFEFF], range(0xFFF9, 0xFFFD),
                             range(0x1D173, 0x1D17B), range(0xE0000, 0xE0080)) for c in r}
ANSI = regex.compile('\x1b\\[((?:\\d|;)*)([a-zA-Z])', regex.V0)


def c1_as_windows_1252(match):
    try:
        return bytes([ord(match.group(0))]).decode('cp1252')
    except UnicodeDecodeError:
        return match.group(0)  # ftfy's "sloppy" codec keeps the five undefined bytes


def fix_text(text):
    text = regex.sub('[\x80-\x9f]', c1_as_windows_1252, text)
    text = ''.join(LIGATURES.get(c, c) for c in text)
    text = text.translate(WIDTH)
    text = regex.sub('[\u02bc\u2018-\u201b]', "'", text)
    text = regex.sub('[\u201c-\u201f]', '"', text)
    text = ANSI.sub('', text)
    text = text.translate(CONTROL)
    return unicodedata.normalize('NFC', text)


def clean(text):
    text = html.unescape(html.unescape(fix_text(text))).strip()
    return regex.sub(r'\s+', ' ', text).strip()


def bytes_to_unicode():
    bs = list(range(ord('!'), ord('~') + 1)) + list(range(ord('¡'), ord('¬') + 1)) + \
        list(range(ord('®'), ord('ÿ') + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def read_merges(path):
    with open(path, 'rb') as f:
        data = f.read()
    if data[:2] == b'\x1f\x8b':
        data = gzip.decompress(data)
    lines = data.decode('utf-8').split('\n')
    return [tuple(line.split()) for line in lines[1:49152 - 256 - 2 + 1]]


def build_vocab(merges):
    vocab = list(bytes_to_unicode().values())
    vocab = vocab + [v + '</w>' for v in vocab]
    vocab += [''.join(m) for m in merges]
    vocab += ['<|startoftext|>', '<|endoftext|>']
    return vocab


class Tokenizer:
    def __init__(self, merges_path):
        merges = read_merges(merges_path)
        self.byte_encoder = bytes_to_unicode()
        self.encoder = dict(zip(build_vocab(merges), range(49408)))
        self.ranks = dict(zip(merges, range(len(merges))))
        self.cache = {'<|startoftext|>': '<|startoftext|>', '<|endoftext|>': '<|endoftext|>'}

    def bpe(self, token):
        if token in self.cache:
            return self.cache[token]
        word = tuple(token[:-1]) + (token[-1] + '</w>',)
        while len(word) > 1:
            pairs = {(word[i], word[i + 1]) for i in range(len(word) - 1)}
            first, second = min(pairs, key=lambda p: self.ranks.get(p, float('inf')))
            if (first, second) not in self.ranks:
                break
            merged, i = [], 0
            while i < len(word):
                if i + 1 < len(word) and word[i] == first and word[i + 1] == second:
                    merged.append(first + second)
                    i += 2
                else:
                    merged.append(word[i])
                    i += 1
            word = tuple(merged)
        result = ' '.join(word)
        self.cache[token] = result
        return result

    def encode(self, text, context):
        ids = [49406]
        for piece in PATTERN.findall(clean(text).lower()):
            piece = ''.join(self.byte_encoder[b] for b in piece.encode('utf-8'))
            ids.extend(self.encoder[t] for t in self.bpe(piece).split(' '))
        ids.append(49407)
        if context and len(ids) > context:
            ids = ids[:context]
            ids[-1] = 49407
        return ids


def write_hf_files(merges_path, out_dir):
    merges = read_merges(merges_path)
    vocab = build_vocab(merges)
    with open(f'{out_dir}/vocab.json', 'w', encoding='utf-8') as f:
        json.dump({token: i for i, token in enumerate(vocab)}, f, ensure_ascii=False)
    with open(f'{out_dir}/merges.txt', 'w', encoding='utf-8') as f:
        f.write('#version: 0.2\n')
        f.write(''.join(' '.join(m) + '\n' for m in merges))


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == 'encode':
        tokenizer = Tokenizer(sys.argv[2])
        context = int(sys.argv[3]) if len(sys.argv) > 3 else 77
        texts = json.loads(sys.stdin.buffer.read().decode('utf-8'))
        json.dump([tokenizer.encode(t, context) for t in texts], sys.stdout)
    elif len(sys.argv) == 4 and sys.argv[1] == 'hf-files':
        write_hf_files(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
