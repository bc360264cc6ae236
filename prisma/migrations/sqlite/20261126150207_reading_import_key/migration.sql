-- AlterTable
ALTER TABLE "Reading" ADD COLUMN "importKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Reading_userId_importKey_key" ON "Reading"("userId", "importKey");
