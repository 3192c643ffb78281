import { recordContractCount } from './contract';

afterAll(() => recordContractCount());
