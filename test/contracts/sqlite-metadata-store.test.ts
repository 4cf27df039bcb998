import { openScratchStore } from '../support/scratch-store.ts';
import { describeMetadataStoreContract } from './metadata-store.contract.ts';

describeMetadataStoreContract('SQLite metadata store', openScratchStore);
