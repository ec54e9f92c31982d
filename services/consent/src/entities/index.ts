import { TermsAcceptanceEntity } from './terms-acceptance.entity';
import { TermsVersionEntity } from './terms-version.entity';

export { TermsAcceptanceEntity, TermsVersionEntity };
export const entities = [TermsVersionEntity, TermsAcceptanceEntity];
