import type { Schemas } from '../../clients/typescript/src';

/** The three documents that qualify a provider (SPEC §4.3), valid 2025–2027. Plain data, typed by the SDK: its journey uses them too. */
export const DOCS = {
  business_license: { type: 'business_license', number: 'BL-1', issuedAt: '2025-01-01', expiresAt: '2028-01-01', fileRef: 'files/bl.pdf' },
  freight_licence: {
    type: 'freight_licence',
    number: 'FL-1',
    modes: ['express', 'air', 'sea_lcl'],
    issuedAt: '2025-01-01',
    expiresAt: '2028-01-01',
    fileRef: 'files/fl.pdf',
  },
  liability_insurance: {
    type: 'liability_insurance',
    number: 'LI-1',
    coverageUsd: 250_000,
    issuedAt: '2025-01-01',
    expiresAt: '2028-01-01',
    fileRef: 'files/li.pdf',
  },
} satisfies Record<string, Schemas['CreateDocumentDto']>;
