/**
 * The signed licence travels inside its PDF as an embedded file `licence.json` (PDF 1.7 §7.11.4,
 * `/AFRelationship /Source` as PDF/A-3 and Factur-X do), so a PDF handed over is as verifiable as
 * the JSON: the verification page and `zhicheng verify licence.pdf` take it out and check it.
 * Also sets the document's title, subject, keywords (the identifier) and producer.
 */
import { AFRelationship, decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString, PDFHexString } from 'pdf-lib'
import { NATIVE_FORMAT, type NativeLicence } from '../types.ts'

export const ATTACHMENT_NAME = 'licence.json'

/** Adds `licence.json` and metadata to a PDF; returns the new bytes. */
export async function attachLicence(pdf: Uint8Array, doc: NativeLicence, meta: { title: string; subject: string; when: Date }): Promise<Uint8Array> {
  const file = await PDFDocument.load(pdf, { updateMetadata: false })
  file.setTitle(meta.title, { showInWindowTitleBar: true })
  file.setSubject(meta.subject)
  file.setKeywords([doc.licence.id, doc.licence.type.code])
  file.setProducer('zhicheng licences (Chromium + pdf-lib)')
  file.setCreator('zhicheng')
  file.setCreationDate(meta.when)
  file.setModificationDate(meta.when)
  await file.attach(new TextEncoder().encode(JSON.stringify(doc, null, 2)), ATTACHMENT_NAME, {
    mimeType: 'application/json', description: `Signed electronic licence (${NATIVE_FORMAT}) ${doc.licence.id}`,
    creationDate: meta.when, modificationDate: meta.when, afRelationship: AFRelationship.Source,
  })
  return file.save({ useObjectStreams: false })
}

/** Every embedded file of a PDF, by name (empty when there is none or the PDF cannot be read). */
export async function embeddedFiles(pdf: Uint8Array): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>()
  try {
    const file = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true })
    const names = file.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict)?.lookupMaybe(PDFName.of('Names'), PDFArray)
    if (!names) return out
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = names.lookup(i)
      const spec = names.lookup(i + 1)
      if (!(spec instanceof PDFDict)) continue
      const stream = spec.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookup(PDFName.of('F'))
      if (!(stream instanceof PDFRawStream)) continue
      const name = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : String(i / 2)
      out.set(name, decodePDFRawStream(stream).decode())
    }
  } catch {
    // Not a PDF, or a damaged one: it carries nothing we can read.
  }
  return out
}

/** The native licence embedded in a PDF, or undefined when it carries none. Never throws. */
export async function extractLicenceFromPdf(pdf: Uint8Array): Promise<NativeLicence | undefined> {
  const bytes = (await embeddedFiles(pdf)).get(ATTACHMENT_NAME)
  if (!bytes) return undefined
  try {
    const doc = JSON.parse(new TextDecoder().decode(bytes)) as NativeLicence
    return doc?.format === NATIVE_FORMAT ? doc : undefined
  } catch {
    return undefined
  }
}
