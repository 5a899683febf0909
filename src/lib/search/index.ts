export { createTokenizer, sharedJieba, type Tokenizer, type TokenizerOptions } from './tokenizer.ts'
export { InvertedIndex, type FieldText, type QueryTerm } from './inverted-index.ts'
export { expandSynonyms, type Expansion } from './synonyms.ts'
export { isPinyinQuery, pinyinFull, pinyinInitials } from './pinyin.ts'
