import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  actingAccountOf,
  clock,
  runAsSystem,
  writeAuditBatch,
  type AccessRecord,
  type Logger,
  type Relation,
  type Viewer,
} from '@mamis/platform';
import type { AttendanceEntity, CertificateEntity } from '../entities';
import type { Repositories } from '../repositories';
import { certificateTitle, renderCertificatePdf, type CertificateDocumentData } from './certificate-pdf';
import type { DocumentLinkClaims, DocumentLinks } from './document-link';

/** The gateway path documents are downloaded from (proxied to this service). */
export const DOCUMENTS_PREFIX = '/documents/';

/** What `Certificate.document` / `Attendance.certificateDocument` return. */
export interface DocumentDownload {
  path: string;
  expiresAt: Date;
  fileName: string;
  contentType: string;
}

/** The ISO date (Asia/Tokyo) of an instant. */
const tokyoDate = (d: Date) => new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10);

/** The printed number of an attendance certificate (stable: from the attendance's id). */
export const attendanceCertificateNumber = (a: { id: string }) =>
  `A-${a.id.replace(/-/g, '').slice(0, 12).toUpperCase()}`;

/**
 * Certificates as documents (PDF): signed short-lived links for viewers who may read the record,
 * and the rendering behind the download route. The link's signature carries the read decision;
 * the download is audited like the read (the viewer's own downloads, like their own reads, are
 * not recorded; an assistant's or staff acting on behalf are).
 */
export class CertificateDocuments {
  constructor(
    private readonly repos: Repositories,
    private readonly ds: DataSource,
    private readonly links: DocumentLinks,
    private readonly opts: { portalUrl: string; ttlSeconds: number; log: Logger },
  ) {}

  verificationUrl(code: string): string {
    return `${this.opts.portalUrl}/verify?code=${encodeURIComponent(code)}`;
  }

  private link(
    kind: 'C' | 'A',
    id: string,
    personId: string,
    fileName: string,
    viewer: Viewer,
    relations: Iterable<Relation>,
  ): DocumentDownload {
    return this.links.download(
      DOCUMENTS_PREFIX,
      { kind, id, personId, fileName },
      viewer,
      relations,
      this.opts.ttlSeconds,
    );
  }

  certificateLink(c: CertificateEntity, viewer: Viewer, relations: Iterable<Relation>): DocumentDownload {
    return this.link('C', c.id, c.personId, `certificate-${c.number}.pdf`, viewer, relations);
  }

  attendanceLink(a: AttendanceEntity, viewer: Viewer, relations: Iterable<Relation>): DocumentDownload {
    return this.link(
      'A',
      a.id,
      a.personId,
      `attendance-${attendanceCertificateNumber(a)}.pdf`,
      viewer,
      relations,
    );
  }

  /** The document a verified link stands for (read as the system: the link holds the decision). */
  private async documentData(claims: DocumentLinkClaims): Promise<CertificateDocumentData | null> {
    return runAsSystem(async () => {
      const programs = await this.repos.trainingRules.programs();
      if (claims.kind === 'C') {
        const [c] = await this.repos.certification.certificatesByIds([claims.id]);
        if (!c || c.personId !== claims.personId) return null;
        const program = programs.find((p) => p.code === c.programCode);
        const title = certificateTitle(
          c.programCode,
          program?.nameJa ?? c.programCode,
          program?.nameEn ?? '',
        );
        return {
          kind: 'CERTIFICATE',
          titleJa: title.ja,
          titleEn: title.en,
          holderName: c.holderName,
          programNameJa: program?.nameJa ?? c.programCode,
          programNameEn: program?.nameEn ?? c.programCode,
          number: c.number,
          validFrom: c.validFrom,
          validTo: c.validTo,
          issuerName: (await this.repos.sessions.associationName(c.issuerAssociationId)) ?? '',
          issuedOn: tokyoDate(c.issuedAt),
          verificationCode: c.verificationCode,
          verificationUrl: this.verificationUrl(c.verificationCode),
        };
      }
      const a = await this.repos.attendances.findById(claims.id);
      if (!a || a.personId !== claims.personId || a.status !== 'ATTENDED' || !a.attendedAt) return null;
      const [session] = await this.repos.sessions.findByIds([a.sessionId]);
      if (!session) return null;
      const [credits, holderName, issuerName, code] = await Promise.all([
        this.repos.sessions.creditsBySessionIds([session.id]),
        this.repos.attendances.personName(a.personId),
        this.repos.sessions.associationName(session.hostAssociationId),
        this.repos.attendances.ensureVerificationCode(a.id),
      ]);
      const program = programs.find((p) => p.code === session.programCode);
      const attendedOn = tokyoDate(a.attendedAt);
      return {
        kind: 'ATTENDANCE',
        titleJa: '受講証明書',
        titleEn: 'Certificate of Attendance',
        holderName: holderName ?? '',
        programNameJa: program?.nameJa ?? session.programCode,
        programNameEn: program?.nameEn ?? session.programCode,
        number: attendanceCertificateNumber(a),
        validFrom: attendedOn,
        validTo: attendedOn,
        issuerName: issuerName ?? '',
        issuedOn: clock.today(),
        verificationCode: code,
        verificationUrl: this.verificationUrl(code),
        session: {
          title: session.title,
          date: tokyoDate(session.startsAt),
          venue: session.venue,
          units: Number(a.units),
          codes: credits.map((c) => c.code),
        },
      };
    });
  }

  /**
   * The PDF behind a verified link, after the download is audited (fail closed: no audit, no
   * document). Null when the record is gone or no longer qualifies (e.g. attendance cancelled).
   */
  async download(claims: DocumentLinkClaims): Promise<{ fileName: string; pdf: Buffer } | null> {
    const data = await this.documentData(claims);
    if (!data) return null;
    const viewer = { ...claims.viewer, scopes: [] } as Viewer;
    const relations = new Set(claims.relations);
    const read: AccessRecord = { personId: claims.personId, group: 'TRAINING', relations: [...relations] };
    if (!(relations.has('SELF') && !viewer.actor)) {
      await runAsSystem(() =>
        writeAuditBatch(
          this.ds,
          {
            requestId: randomUUID(),
            service: 'training',
            operation:
              claims.kind === 'C' ? 'download:certificate-pdf' : 'download:attendance-certificate-pdf',
            viewer,
          },
          [read],
        ),
      );
    }
    this.opts.log.info(
      {
        audit: 'document_download',
        kind: claims.kind,
        id: claims.id,
        by: actingAccountOf(viewer) ?? undefined,
      },
      'certificate document downloaded',
    );
    const pdf = await renderCertificatePdf(data);
    const fileName = claims.kind === 'C' ? `certificate-${data.number}.pdf` : `attendance-${data.number}.pdf`;
    return { fileName, pdf };
  }
}
