import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/lib/i18n/index';
import { revisionNoteText } from '../../../src/lib/kb/editor';

describe('revisionNoteText', () => {
  it('translates the notes the system writes and keeps an editor’s own note', () => {
    const es = translator('es');
    expect(revisionNoteText('status: in_review', es)).toEqual({ text: 'estado: En revisión', own: false });
    expect(revisionNoteText('restored revision 3', es)).toEqual({ text: 'restaurada la revisión 3', own: false });
    expect(revisionNoteText('promoted from thread #42', es)).toEqual({ text: 'creado a partir del hilo #42', own: false });
    expect(revisionNoteText('import content/kb/es/billing/x.md', es)).toEqual({ text: 'importado de content/kb/es/billing/x.md', own: false });
    expect(revisionNoteText('status: unknown', es)).toEqual({ text: 'status: unknown', own: true });
    expect(revisionNoteText('título más claro', translator('en'))).toEqual({ text: 'título más claro', own: true });
  });
});
